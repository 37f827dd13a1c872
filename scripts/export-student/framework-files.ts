/**
 * The part of socklab a student repository vendors, read-only: the harness (everything the tests
 * and the stack import), the demos that run on the student's own stack, and the student guide.
 * Left out: the harness's and the demos' own tests, and the toy kernel that only those use.
 */
import * as path from 'node:path';
import { listFiles } from '../../grader/files';

/** Folders vendored whole, but for what serves only their own tests. */
const VENDORED_FOLDERS: readonly string[] = ['harness', 'demo'];

/** Folders inside those that serve only their own tests. */
const LEFT_OUT = new Set(['tests', 'testing']);

/** Single documents students read beside the handouts. */
const VENDORED_DOCUMENTS: readonly string[] = ['docs/student-guide.md'];

/** The vendored files, by `/`-separated path relative to the repository `root`. */
export function frameworkFiles(root: string): string[] {
  const inFolders = VENDORED_FOLDERS.flatMap((folder) =>
    listFiles(path.join(root, folder))
      .filter((file) => !file.symlink && !file.relative.split('/').some((part) => LEFT_OUT.has(part)))
      .map((file) => `${folder}/${file.relative}`),
  );
  return [...inFolders, ...VENDORED_DOCUMENTS];
}
