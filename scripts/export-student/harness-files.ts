/**
 * The harness as a student repository vendors it: everything the tests and the stack import,
 * without the harness's own tests and the toy kernel that only they use.
 */
import * as path from 'node:path';
import { listFiles } from '../../grader/files';

/** Folders of the harness that serve only its own tests. */
const LEFT_OUT = new Set(['tests', 'testing']);

/** The harness's files, by `/`-separated path relative to the repository `root`. */
export function harnessFiles(root: string): string[] {
  return listFiles(path.join(root, 'harness'))
    .filter((file) => !file.symlink && !file.relative.split('/').some((part) => LEFT_OUT.has(part)))
    .map((file) => `harness/${file.relative}`);
}
