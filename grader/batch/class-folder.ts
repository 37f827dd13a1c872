/**
 * The submissions of a class, as a folder holds them: each folder in it (a submission folder or a
 * student repository) and each zip file is one submission, named after it. Hidden entries (a
 * `.git`, `.DS_Store`) are not submissions; anything else is listed as ignored, with the reason,
 * so that the instructor sees what was not graded.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../errors';

export interface ClassSubmission {
  /** The entry's name (a zip's without `.zip`): the folder its outputs get, a row of the class summary. */
  readonly name: string;
  /** The absolute path of the folder or zip file. */
  readonly path: string;
  readonly kind: 'folder' | 'zip';
}

export interface ClassFolder {
  /** In the order of their names. */
  readonly submissions: readonly ClassSubmission[];
  /** Entries that are not submissions: `notes.txt: not a folder or a zip file`. */
  readonly ignored: readonly string[];
}

const ZIP = '.zip';

/** Read the class folder `dir`; throws a UsageError when it is not a folder or two entries share a name. */
export function readClassFolder(dir: string): ClassFolder {
  const folder = path.resolve(dir);
  if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`no class folder at ${folder}`);
  const submissions: ClassSubmission[] = [];
  const ignored: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => compareNames(a.name, b.name))) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) submissions.push({ name: entry.name, path: full, kind: 'folder' });
    else if (entry.isFile() && entry.name.toLowerCase().endsWith(ZIP) && entry.name.length > ZIP.length) submissions.push({ name: entry.name.slice(0, -ZIP.length), path: full, kind: 'zip' });
    else ignored.push(`${entry.name}: ${entry.isSymbolicLink() ? 'a link (a submission is a folder or a zip file, not a link to one)' : 'not a folder or a zip file'}`);
  }
  const clashes = submissions.filter((submission, i) => submissions.findIndex((other) => other.name === submission.name) !== i);
  if (clashes.length > 0) {
    const names = [...new Set(clashes.map((clash) => clash.name))];
    throw new UsageError(`two submissions in ${folder} would share the name ${names.join(', ')} (a folder and a zip file of that name): rename one`);
  }
  return { submissions, ignored };
}

/** Names in a stable order that does not depend on the locale. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
