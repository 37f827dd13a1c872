/**
 * The test files of a jest project that call a function: the suites a skip condition affects.
 * Read from the files' text, as jest would find them (its test regex aside: `*.test.ts` is the
 * one pattern socklab's configurations use).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The part of jest's project configuration read here. */
export interface ProjectFolders {
  readonly rootDir: string;
  /** Regular expressions of paths jest does not run, `<rootDir>` already replaced. */
  readonly testPathIgnorePatterns: readonly string[];
}

/** Never holds a suite of the project: not worth walking. */
const NOT_WALKED = new Set(['node_modules', '.git']);

/** Every test file of `project`, relative to its root, with its text. */
export function testFiles(project: ProjectFolders): { readonly file: string; readonly text: string }[] {
  const ignored = project.testPathIgnorePatterns.map((pattern) => new RegExp(pattern));
  const isIgnored = (file: string): boolean => ignored.some((pattern) => pattern.test(file));
  return walk(project.rootDir, isIgnored)
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => ({ file: path.relative(project.rootDir, file).split(path.sep).join('/'), text: fs.readFileSync(file, 'utf8') }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** The files of `files` whose text calls one of `calls`. */
export function filesCalling(files: readonly { readonly file: string; readonly text: string }[], calls: readonly string[]): string[] {
  return files.filter(({ text }) => calls.some((call) => text.includes(call))).map(({ file }) => file);
}

/** The files under `dir` that are not ignored; an ignored folder (artifacts/, with its pcaps) is not read at all. */
function walk(dir: string, isIgnored: (file: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (NOT_WALKED.has(entry.name) || isIgnored(entry.isDirectory() ? `${full}${path.sep}` : full)) return [];
    if (entry.isDirectory()) return walk(full, isIgnored);
    return entry.isFile() ? [full] : [];
  });
}
