/**
 * A zipped submission, unpacked for grading. A zip is untrusted input: an entry may name a path
 * outside the folder (`../../.bashrc`, `/etc/passwd`), claim to be a link, or unpack to gigabytes.
 * Such a zip is refused with the reason, and nothing is written outside the folder. A zip whose
 * entries all sit in one top-level folder (how "compress this folder" makes them) is graded from
 * that folder.
 */
import AdmZip from 'adm-zip';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The most a submission may unpack to: a stack is tens of kilobytes; this leaves room for anything real. */
export const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;
/** The most entries a submission's zip may have. */
export const MAX_ZIP_ENTRIES = 10_000;
/** Folders archivers add that are no part of a submission. */
const ARCHIVER_FOLDERS = new Set(['__MACOSX']);
/** The file-type bits of a Unix mode (in the high half of an entry's external attributes), and a link's. */
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Unpack `zipFile` into the new or empty folder `into`; returns the folder to grade. Throws the reason a zip is refused. */
export function unzipSubmission(zipFile: string, into: string): string {
  let zip: AdmZip;
  let entries: AdmZip.IZipEntry[];
  try {
    zip = new AdmZip(zipFile);
    entries = zip.getEntries();
  } catch (error) {
    throw new Error(`${path.basename(zipFile)} is not a readable zip file: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (entries.length > MAX_ZIP_ENTRIES) throw new Error(`${path.basename(zipFile)} has ${entries.length} entries, more than the ${MAX_ZIP_ENTRIES} a submission may have`);
  const kept = entries.filter((entry) => !ARCHIVER_FOLDERS.has(entry.entryName.split('/')[0]!));
  const unpacked = kept.reduce((sum, entry) => sum + entry.header.size, 0);
  if (unpacked > MAX_UNZIPPED_BYTES) throw new Error(`${path.basename(zipFile)} unpacks to ${unpacked} bytes, more than the ${MAX_UNZIPPED_BYTES} a submission may`);
  fs.mkdirSync(into, { recursive: true });
  for (const entry of kept) {
    const target = safeTarget(into, entry.entryName);
    if (entry.isDirectory) {
      fs.mkdirSync(target, { recursive: true });
      continue;
    }
    if (((entry.attr >>> 16) & S_IFMT) === S_IFLNK) throw new Error(`${entry.entryName} in ${path.basename(zipFile)} is a link: a submission holds regular files only`);
    // adm-zip inflates no further than the size the header claims: a lying header cannot unpack gigabytes.
    let data: Buffer;
    try {
      data = entry.getData();
    } catch (error) {
      throw new Error(`${entry.entryName} in ${path.basename(zipFile)} cannot be unpacked: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    if (data.length !== entry.header.size) throw new Error(`${entry.entryName} in ${path.basename(zipFile)} does not unpack to the size its header gives`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, data);
  }
  return onlyFolder(into) ?? into;
}

/** Where `name` goes below `root`; throws for a name that would land anywhere else. */
function safeTarget(root: string, name: string): string {
  const target = path.resolve(root, name);
  const relative = path.relative(root, target);
  if (name.includes('\\') || path.isAbsolute(name) || relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new Error(`the zip entry ${JSON.stringify(name)} names a path outside the submission`);
  }
  return target;
}

/** The one folder `dir` holds, when it holds nothing else. */
function onlyFolder(dir: string): string | undefined {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  const [only] = entries;
  return entries.length === 1 && only?.isDirectory() ? path.join(dir, only.name) : undefined;
}
