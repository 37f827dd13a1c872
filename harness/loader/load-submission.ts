/**
 * The one way tests get the stack under test. A test never imports a stack: it asks the loader,
 * so the same test runs against the reference, the starter, or any student's folder.
 *
 * Which stack: the `SOCKLAB_SUBMISSION` environment variable — `reference`, `starter`, or a path
 * to a folder whose `index.ts` exports `createKernel`:
 *
 *     SOCKLAB_SUBMISSION=starter npm test
 *     SOCKLAB_SUBMISSION=../alice/stack npx jest assignments/m1-udp
 *
 * Without it: the student's own stack in a student repository (one with a `socklab.json`, made by
 * `npm run export:student`), and the reference in socklab's own repository.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CreateKernel } from '../contract';
import { isolatedCreateKernel, isolationRequested } from '../port/isolation';

/** The repository root: harness/loader/ is two levels below it. */
const ROOT = path.resolve(__dirname, '..', '..');

/** A stack ready to be put on a host. */
export interface Submission {
  /** How reports name it: `reference`, `starter`, or the folder's path. */
  readonly name: string;
  /** The folder it was loaded from. */
  readonly dir: string;
  /** Its one export. */
  readonly createKernel: CreateKernel;
}

/** Where a submission named `reference`, `starter` or by path lives. */
export function submissionDir(which: string): string {
  if (which === 'reference' || which === 'starter') return path.join(ROOT, which);
  return path.resolve(which);
}

/**
 * The file at the root of a student repository that names its stack folder: `{ "stack": "stack" }`.
 * socklab's own repository has none, so there the default stays the reference.
 */
export const STUDENT_CONFIG = 'socklab.json';

/** Far above any real `socklab.json`. */
const MAX_CONFIG_BYTES = 4096;

/**
 * The stack folder named by the `socklab.json` at `root`, or undefined when there is none. The
 * folder must sit directly under the root, beside harness/, because the stack imports
 * `../harness/contract`; anything else (a path out of the repository, say) is refused.
 */
export function studentStackDir(root: string): string | undefined {
  const file = path.join(root, STUDENT_CONFIG);
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  if (!stat) return undefined;
  // Read only a small regular file: a link to /dev/zero or a FIFO here would hang whoever reads it.
  if (!stat.isFile()) throw new Error(`${file} must be a regular file (it is a link or a special file)`);
  if (stat.size > MAX_CONFIG_BYTES) throw new Error(`${file} is ${stat.size} bytes: a socklab.json is a few bytes, such as { "stack": "stack" }`);
  let stack: unknown;
  try {
    stack = (JSON.parse(fs.readFileSync(file, 'utf8')) as { stack?: unknown } | null)?.stack;
  } catch (error) {
    throw new Error(`${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (typeof stack !== 'string' || !/^[\w.-]+$/.test(stack) || stack === '.' || stack === '..') {
    throw new Error(`${file}: "stack" must name one folder beside harness/, such as "stack"`);
  }
  return path.join(root, stack);
}

/** The repository's own stack: a student repository's, else (in socklab's own) the reference. */
export function repositoryStack(): string {
  return studentStackDir(ROOT) ?? 'reference';
}

/** Whether `which` names the repository's own stack, so that a command needs no option to choose it. */
export function isRepositoryStack(which: string): boolean {
  return submissionDir(which) === submissionDir(repositoryStack());
}

/** The stack the current test run is about: `SOCKLAB_SUBMISSION`, else the repository's own. */
export function submissionUnderTest(): string {
  return process.env.SOCKLAB_SUBMISSION || repositoryStack();
}

/**
 * Load a submission's `createKernel`. Throws an error a student can act on when the folder or
 * the export is missing; a stack whose module throws while loading is reported with that error.
 */
export function loadSubmission(which: string = submissionUnderTest()): Submission {
  const dir = submissionDir(which);
  const entry = ['index.ts', 'index.js'].map((file) => path.join(dir, file)).find((file) => fs.existsSync(file));
  if (!entry) throw new Error(`no stack at ${dir}: expected ${path.join(dir, 'index.ts')} exporting createKernel(env)`);
  // When grading, the stack under test never runs in the judge's realm: hosts start it in a child process.
  if (isolationRequested() && which === submissionUnderTest()) return { name: which, dir, createKernel: isolatedCreateKernel(dir) };
  let exported: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exported = require(entry);
  } catch (error) {
    throw new Error(`the stack at ${dir} failed to load: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const createKernel = (exported as { createKernel?: unknown } | undefined)?.createKernel;
  if (typeof createKernel !== 'function') {
    throw new Error(`the stack at ${dir} does not export a function createKernel(env): see harness/contract/kernel.ts`);
  }
  return { name: which, dir, createKernel: createKernel as CreateKernel };
}
