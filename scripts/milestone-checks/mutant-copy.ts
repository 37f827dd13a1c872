/**
 * A mutated copy of the reference in a temporary folder, laid out like the repository so that its
 * imports (`../harness/contract`) resolve: `<copy>/reference/` holds the stack, and
 * `<copy>/harness` and `<copy>/node_modules` link to the repository's.
 *
 * A copy is named after its content and kept: jest caches what it compiles by path and content,
 * so a later run with the same reference and mutant compiles nothing again (half the cost of a
 * mutant's run). Runs that happen at once share a copy safely, since nobody changes one once made.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readTree, REFERENCE_DIR, REPO_ROOT } from '../starter/files';
import type { Mutant } from './mutants-file';

/**
 * Where copies are kept: one folder per user and per repository, since a copy links to the
 * harness of the repository that made it and is readable only by the user who made it.
 */
const COPIES_DIR = path.join(os.tmpdir(), `socklab-mutants-${os.userInfo().uid}`, createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 12));
/** What a copy links back to in the repository. */
const LINKED = ['harness', 'node_modules'];
/** Copies of an older reference are deleted once they are this old. */
const STALE_MS = 24 * 3600 * 1000;

/** The folder of a copy of the reference with `mutant` applied (none: the unmutated control), made if needed. */
export function referenceCopy(mutant?: Mutant): string {
  const files = mutatedTree(mutant);
  const name = `${mutant?.id ?? 'control'}-${digest(files)}`;
  const root = path.join(COPIES_DIR, name);
  if (!fs.existsSync(root)) {
    pruneStale(name);
    write(root, files);
  }
  return path.join(root, 'reference');
}

/** A digest of the reference's files with `mutant` applied: what its copy is named after. */
export function mutantDigest(mutant?: Mutant): string {
  return digest(mutatedTree(mutant));
}

/** The reference's files (its own unit tests left out), with the mutant applied. */
function mutatedTree(mutant: Mutant | undefined): Map<string, string> {
  const files = new Map([...readTree(REFERENCE_DIR)].filter(([file]) => !file.startsWith('tests/')));
  if (!mutant) return files;
  const text = files.get(mutant.file);
  if (text === undefined) throw new Error(`mutant ${mutant.id}: no file reference/${mutant.file}`);
  const occurrences = text.split(mutant.find).length - 1;
  if (occurrences !== 1) throw new Error(`mutant ${mutant.id}: "find" occurs ${occurrences} times in reference/${mutant.file}, it must occur exactly once`);
  // A function, so that `$&` and the like in the replacement are taken literally.
  return files.set(mutant.file, text.replace(mutant.find, () => mutant.replace));
}

export function digest(files: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256');
  for (const [file, text] of [...files].sort(([a], [b]) => a.localeCompare(b))) hash.update(`${file}\0${text}\0`);
  return hash.digest('hex').slice(0, 16);
}

/** Write the copy beside its final place, then move it there in one step, so that no run sees half a copy. */
function write(root: string, files: Map<string, string>): void {
  const staging = fs.mkdtempSync(`${root}.staging-`);
  try {
    for (const [file, text] of files) {
      const target = path.join(staging, 'reference', file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
    }
    for (const name of LINKED) fs.symlinkSync(path.join(REPO_ROOT, name), path.join(staging, name), 'dir');
    fs.renameSync(staging, root);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    // Another run made the same copy first: use it.
    if (!fs.existsSync(root)) throw error;
  }
}

/** Delete old copies of the same mutant (made from an older reference), and staging folders left by a crash. */
function pruneStale(name: string): void {
  const id = name.slice(0, name.lastIndexOf('-'));
  fs.mkdirSync(COPIES_DIR, { recursive: true });
  for (const entry of fs.readdirSync(COPIES_DIR)) {
    if (!entry.startsWith(`${id}-`)) continue;
    const folder = path.join(COPIES_DIR, entry);
    if (Date.now() - fs.statSync(folder).mtimeMs > STALE_MS) fs.rmSync(folder, { recursive: true, force: true });
  }
}
