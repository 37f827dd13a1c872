/**
 * The starter check (DESIGN.md §5): against the starter every test of the milestone fails, and
 * says why in words a student can act on — the starter's "not implemented (m1: ...)" — rather
 * than with a crash of jest or of the harness.
 */
import type { Milestone } from '../../grader/milestone';
import { STARTER_DIR } from '../starter/files';
import { filesThatDidNotRun, firstLines, reportedTests, runJest, type OnRunDone } from './run-jest';

/** What NotImplemented says: "not implemented (m1: compute the Internet checksum)". */
export const NOT_IMPLEMENTED = /not implemented \(m\d+: /;

export interface StarterCheck {
  /** How many tests ran. */
  readonly tests: number;
  readonly problems: readonly string[];
}

export async function checkStarter(milestone: Milestone, milestoneDir: string, onRunDone?: OnRunDone): Promise<StarterCheck> {
  const results = await runJest({ milestone, milestoneDir, submissionDir: STARTER_DIR });
  onRunDone?.('starter');
  const tests = reportedTests(results, milestoneDir);
  const problems = [
    ...filesThatDidNotRun(results, milestoneDir).map((file) => `could not run: ${file}`),
    ...(tests.length === milestone.tests.length ? [] : [`${tests.length} tests ran, milestone.json lists ${milestone.tests.length}`]),
    ...tests.flatMap((test) => {
      const where = `${test.file} > ${test.fullName}`;
      if (test.status !== 'failed') return [`${where}: ${test.status} against the starter`];
      const message = test.failureMessages.join('\n');
      return NOT_IMPLEMENTED.test(message) ? [] : [`${where}: fails without a "not implemented" reason: ${firstLines(message)}`];
    }),
  ];
  return { tests: tests.length, problems };
}
