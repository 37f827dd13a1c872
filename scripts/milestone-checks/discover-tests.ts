/**
 * The tests a milestone's suites contain, as jest itself sees them: every test file is loaded and
 * every test listed by its full name, without running any (they are all filtered out by name).
 */
import type { Milestone } from '../../grader/milestone';
import { REFERENCE_DIR } from '../starter/files';
import { filesThatDidNotRun, reportedTests, runJest } from './run-jest';
import { NO_TEST } from './test-names';

/** A test by file (relative to `tests/`) and full name, as milestone.json lists it. */
export interface TestId {
  readonly file: string;
  readonly name: string;
}

export async function discoverTests(milestone: Milestone, milestoneDir: string): Promise<TestId[]> {
  const results = await runJest({ milestone, milestoneDir, submissionDir: REFERENCE_DIR, testNamePattern: NO_TEST });
  const broken = filesThatDidNotRun(results, milestoneDir);
  if (broken.length > 0) throw new Error(`test files that could not be loaded:\n${broken.join('\n')}`);
  return reportedTests(results, milestoneDir).map(({ file, fullName }) => ({ file, name: fullName }));
}

/** How milestone.json and the suites disagree; every list is empty when they agree exactly. */
export interface Disagreements {
  /** Tests jest found that milestone.json does not list. */
  readonly unlisted: string[];
  /** Tests milestone.json lists that jest did not find. */
  readonly missing: string[];
  /** Full names two tests of one file share: milestone.json could not tell them apart. */
  readonly duplicated: string[];
}

export function disagreements(milestone: Milestone, discovered: readonly TestId[]): Disagreements {
  const key = (test: TestId): string => `${test.file} > ${test.name}`;
  const listed = new Set(milestone.tests.map(key));
  const found = discovered.map(key);
  const foundSet = new Set(found);
  return {
    unlisted: [...foundSet].filter((test) => !listed.has(test)).sort(),
    missing: [...listed].filter((test) => !foundSet.has(test)).sort(),
    duplicated: [...new Set(found.filter((test, i) => found.indexOf(test) !== i))].sort(),
  };
}
