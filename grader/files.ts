/**
 * The files of a submission folder, as the grader sees them: sorted, without `node_modules`
 * (installed, not written by the student) and `.git` (history, not content). Symbolic links are
 * listed but never followed: a link to `/dev/zero` or outside the folder must not hang or widen
 * what the grader reads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/** One file of a submission folder. */
export interface SubmissionFile {
  /** Relative to the submission folder, with `/` separators. */
  readonly relative: string;
  readonly absolute: string;
  readonly symlink: boolean;
}

/** Every regular file and symbolic link under `dir`, sorted by relative path (code-unit order). */
export function listFiles(dir: string): SubmissionFile[] {
  const files: SubmissionFile[] = [];
  const walk = (folder: string, prefix: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      const absolute = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(absolute, relative);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        files.push({ relative, absolute, symlink: entry.isSymbolicLink() });
      }
    }
  };
  walk(dir, '');
  return files.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
}
