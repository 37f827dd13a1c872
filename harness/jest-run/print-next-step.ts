/**
 * The end of a failed run (jest-reporter.js): the next step (next-step.ts), printed after jest's
 * own report, because a run on the starter fails a hundred tests and the stub to write first is
 * not the first failure jest happens to print.
 */
import * as path from 'node:path';
import { pathInside, submissionDir, submissionUnderTest } from '../loader';
import { failuresOf, type RunResults } from './failures';
import { readHandoutOrder } from './handout-order';
import { nextStep } from './next-step';
import { nextStepLines } from './next-step-text';
import { stubFinder } from './stub-source';

/** The repository: harness/jest-run/ is two levels below it. */
const ROOT = path.resolve(__dirname, '..', '..');

export function printNextStep(results: RunResults): void {
  const stackDir = submissionDir(submissionUnderTest());
  const failures = failuresOf(results, stackDir, ROOT);
  const lines = nextStepLines(nextStep(failures, readHandoutOrder(path.join(ROOT, 'assignments')), stubFinder(stackDir)), shownPath(stackDir));
  if (lines.length > 0) process.stderr.write(`\n${lines.join('\n')}\n`);
}

/** A folder as a student names it: relative to the repository when inside it. */
function shownPath(dir: string): string {
  return pathInside(ROOT, dir) ?? dir;
}
