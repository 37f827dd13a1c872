/**
 * The command that reruns exactly one test, as a failure message gives it. It must work where the
 * message is read: in socklab's repository and in a student's (made by `npm run export:student`),
 * which has the harness and the public tests at the same paths and loads its own stack by
 * default, so the command names no stack. The grader runs the same tests and shows the same
 * message to the student (grader/export/machine-paths.ts takes out what else is the grader's).
 */
import * as path from 'node:path';
import { shellQuote } from '../checks/evidence';

/** The repository root: harness/testkit is two levels below. */
const ROOT = path.resolve(__dirname, '..', '..');

/** `SOCKLAB_SEED=7 npx jest assignments/m1-udp/tests/public/bind.test.ts -t '^bind refuses …$'`. */
export function jestRerun(seed: number, testFile: string, testName: string): string {
  return `SOCKLAB_SEED=${seed} npx jest ${rerunPath(testFile)} -t ${shellQuote(exactName(testName))}`;
}

/**
 * jest's `-t` is a regular expression matched against the full name: the name's own `(`, `+`,
 * `?` or `.` would change what it matches (`accept() makes room` would match no test), and a
 * name that is the start of another's would run both.
 */
export function exactName(testName: string): string {
  return `^${testName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
}

/**
 * The test file relative to the root. A milestone's test run from another assignments folder
 * (`grader run --assignments DIR`) is named where a repository has it: `assignments/<id>/tests/…`.
 */
function rerunPath(testFile: string): string {
  const relative = path.relative(ROOT, path.resolve(ROOT, testFile)).split(path.sep).join('/');
  if (!relative.startsWith('../') && !path.isAbsolute(relative)) return relative;
  const milestone = /\/([^/]+)\/tests\/(.+)$/.exec(path.resolve(testFile).split(path.sep).join('/'));
  return milestone ? `assignments/${milestone[1]}/tests/${milestone[2]}` : relative;
}
