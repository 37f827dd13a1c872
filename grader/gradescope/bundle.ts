/**
 * `grader gradescope-bundle`: the zip an instructor uploads as a Gradescope autograder. Its root
 * holds Gradescope's two scripts (setup.sh, run_autograder, beside this file) and what grading
 * needs of this repository: the grader, the harness, the reference (the hidden tests' peer), every
 * milestone with its hidden tests, and the package files `npm ci` installs from. Tests of the
 * framework itself stay out. `socklab-milestones` names the milestones run_autograder grades.
 */
import AdmZip from 'adm-zip';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository's root. */
const ROOT = path.resolve(__dirname, '..', '..');
/** Folders of the repository the bundle carries, whole but for their tests/ folders (assignments/ keeps its tests: they are what grades). */
const FOLDERS = ['grader', 'harness', 'reference', 'assignments'];
/** Files of the repository's root the bundle carries. */
const ROOT_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'jest-transform.js'];
/** Gradescope's scripts, at the root of the zip, executable. */
const SCRIPTS = ['setup.sh', 'run_autograder'];
/** Never carried: installed packages, and what runs leave behind. */
const SKIPPED = new Set(['node_modules', 'artifacts', '.git']);
const EXECUTABLE = 0o755;
const READABLE = 0o644;

/** The repository files the bundle carries, relative to the root, sorted. */
export function bundledFiles(root = ROOT): string[] {
  const files = [...ROOT_FILES];
  const walk = (relative: string, keepTests: boolean): void => {
    for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = path.posix.join(relative, entry.name);
      if (SKIPPED.has(entry.name) || (entry.name === 'tests' && !keepTests)) continue;
      if (entry.isDirectory()) walk(child, keepTests);
      else if (entry.isFile()) files.push(child);
    }
  };
  for (const folder of FOLDERS) walk(folder, folder === 'assignments');
  return files.sort();
}

/** Write the bundle to `out`, grading `milestones` (ids, comma-separated in the file); returns how many files it holds. */
export function writeGradescopeBundle(out: string, milestones: readonly string[], root = ROOT): number {
  const zip = new AdmZip();
  for (const script of SCRIPTS) zip.addFile(script, fs.readFileSync(path.join(__dirname, script)), '', EXECUTABLE);
  zip.addFile('socklab-milestones', Buffer.from(`${milestones.join(',')}\n`), '', READABLE);
  const files = bundledFiles(root);
  for (const file of files) zip.addFile(file, fs.readFileSync(path.join(root, file)), '', READABLE);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  zip.writeZip(out);
  return SCRIPTS.length + 1 + files.length;
}
