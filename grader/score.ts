/**
 * Scoring: jest's per-test results matched to the tests milestone.json lists, each earning its
 * points or none. The list is the authority: a listed test with no result did not run (no points),
 * and a result the list does not name is a grading-configuration error (reported, not scored).
 */
import * as path from 'node:path';
import type { JestAssertion, JestResults } from '../harness/jest-run/jest-results';
import { artifactsIn } from './messages';
import { cleanMessage } from '../harness/jest-run/message-text';
import { visibilityOf, type Milestone, type MilestoneTest } from './milestone';
import type { TestReport, TestStatus } from './report';

/** A milestone's tests scored, and what was wrong with its configuration. */
export interface Scored {
  readonly tests: TestReport[];
  readonly configErrors: string[];
}

/** What happened to one listed test. */
interface Outcome {
  readonly status: TestStatus;
  readonly durationMs: number;
  readonly message: string;
}

/** The key both sides are matched on: `public/bind.test.ts > bind refuses a taken port`. */
export function testKey(file: string, name: string): string {
  return `${file} > ${name}`;
}

/**
 * Score jest's results against the milestone's list. `unfinished` is why the run ended before
 * every test had run (the results are those of the tests that finished first): each test without
 * a result then did not run for that reason.
 */
export function scoreResults(milestone: Milestone, testsDir: string, results: JestResults, unfinished?: string): Scored {
  const outcomes = new Map<string, Outcome>();
  const brokenFiles = new Map<string, string>();
  const configErrors: string[] = [];
  const listed = new Set(milestone.tests.map((test) => testKey(test.file, test.name)));
  const listedFiles = new Set(milestone.tests.map((test) => test.file));

  for (const fileResult of results.testResults) {
    const file = path.relative(testsDir, fileResult.name).split(path.sep).join('/');
    if (fileResult.assertionResults.length === 0 && fileResult.status === 'failed') {
      brokenFiles.set(file, cleanMessage([fileResult.message]));
      if (!listedFiles.has(file)) configErrors.push(`${file}: failed to run, and milestone.json lists no test in it`);
    }
    for (const assertion of fileResult.assertionResults) {
      const key = testKey(file, assertion.fullName);
      if (!listed.has(key)) configErrors.push(`${key}: in the suites but not in milestone.json (not scored)`);
      else if (outcomes.has(key)) configErrors.push(`${key}: reported twice (two tests with one name?); the first counts`);
      else outcomes.set(key, outcomeOf(assertion));
    }
  }

  const tests = milestone.tests.map((test) => {
    const broken = brokenFiles.get(test.file);
    const outcome =
      outcomes.get(testKey(test.file, test.name)) ??
      (broken !== undefined
        ? { status: 'error' as const, durationMs: 0, message: `did not run: its test file failed to run\n${broken}` }
        : { status: 'failed' as const, durationMs: 0, message: `did not run: ${unfinished ?? 'jest reported no result for it (renamed, or missing from its file?)'}` });
    return testReport(test, outcome);
  });
  return { tests, configErrors };
}

/** Every listed test, none run, all for one reason (a submission that cannot load, no test file). */
export function unrunTests(milestone: Milestone, status: 'failed' | 'error', reason: string): TestReport[] {
  // The reason may quote the submission (a compiler's errors, a crash's stderr): bounded like any message.
  const message = cleanMessage([`did not run: ${reason}`]);
  return milestone.tests.map((test) => testReport(test, { status, durationMs: 0, message }));
}

/** Add up points without floating-point dust (0.1 + 0.2 stays 0.3). */
export function sumPoints(values: readonly number[]): number {
  return Math.round(values.reduce((total, value) => total + value, 0) * 1e6) / 1e6;
}

function outcomeOf(assertion: JestAssertion): Outcome {
  const durationMs = Math.max(0, assertion.duration ?? 0);
  if (assertion.status === 'passed') return { status: 'passed', durationMs, message: '' };
  if (assertion.status === 'failed') return { status: 'failed', durationMs, message: cleanMessage(assertion.failureMessages) || 'failed' };
  return { status: 'skipped', durationMs, message: `not run: jest reports it as ${assertion.status}` };
}

function testReport(test: MilestoneTest, outcome: Outcome): TestReport {
  return {
    id: testKey(test.file, test.name),
    file: test.file,
    name: test.name,
    points: outcome.status === 'passed' ? test.points : 0,
    maxPoints: test.points,
    status: outcome.status,
    visibility: visibilityOf(test),
    category: test.category,
    durationMs: outcome.durationMs,
    message: outcome.message,
    artifacts: artifactsIn(outcome.message),
  };
}
