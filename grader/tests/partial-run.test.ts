/**
 * A run the wall-time limit ends keeps what it earned: the tests that finished before the kill
 * keep their results and points (the result log, see result-log.ts), the others did not run.
 * Without the log, the whole milestone would score nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { grade } from '../grade';
import type { MilestoneReport } from '../report';
import { readResultLog } from '../result-log';
import { reportProblems } from '../validate-report';
import { FIXTURES, fixture, scratchDir } from './helpers';

/** One milestone, m0-partial: three tests that finish (2 points passed, 3 failed, 1 passed), then one that never ends (4). */
const PARTIAL_RUN = path.join(FIXTURES, 'partial-run');
/** Enough for the child jest to start and run the three quick tests even on a loaded machine; the fourth waits out the rest. */
const LIMIT_SECONDS = 5;

describe('a milestone killed at its wall-time limit', () => {
  let milestone: MilestoneReport;
  let problems: string[];

  beforeAll(async () => {
    const report = await grade({ submission: fixture('good'), assignmentsDir: PARTIAL_RUN, timeLimitSeconds: LIMIT_SECONDS });
    problems = reportProblems(report);
    const [graded] = report.milestones;
    if (!graded) throw new Error('no milestone graded');
    milestone = graded;
  }, 60_000);

  it('is a timeout that keeps the points of the tests that passed before the kill', () => {
    expect(problems).toEqual([]);
    expect(milestone.status).toBe('timeout');
    expect(milestone.score).toBe(3);
    expect(milestone.reason).toBe(`the suites did not finish within the wall-time limit of ${LIMIT_SECONDS} s and were killed; the 3 tests that finished before keep their results`);
    expect(milestone.durationMs).toBeLessThan((LIMIT_SECONDS + 5) * 1000);
  });

  it('scores each finished test as a finished run would, and says why the last one did not run', () => {
    expect(milestone.tests.map((test) => [test.name, test.status, test.points])).toEqual([
      ['a partial run the first test passes', 'passed', 2],
      ['a partial run the second test fails', 'failed', 0],
      ['a partial run the third test passes', 'passed', 1],
      ['a partial run the last test never ends', 'failed', 0],
    ]);
    expect(milestone.tests[1]?.message).toContain('toBe');
    expect(milestone.tests[3]?.message).toBe(`did not run: the suites did not finish within the wall-time limit of ${LIMIT_SECONDS} s and were killed`);
  });
});

describe('the result log', () => {
  it('skips a line the kill cut short, and keeps a file that failed to run', () => {
    const log = path.join(scratchDir(), 'result-log.jsonl');
    const test = { fullName: 'a one', status: 'passed', duration: 4, failureMessages: [] };
    const lines = [
      JSON.stringify({ file: '/t/public/a.test.ts', test }),
      JSON.stringify({ file: '/t/hidden/b.test.ts', fileFailure: 'Test suite failed to run' }),
      JSON.stringify({ file: '/t/public/a.test.ts', test: { ...test, fullName: 'a two' } }).slice(0, 30),
    ];
    fs.writeFileSync(log, lines.join('\n'));
    expect(readResultLog(log)).toEqual({
      testResults: [
        { name: '/t/public/a.test.ts', status: 'passed', message: '', assertionResults: [test] },
        { name: '/t/hidden/b.test.ts', status: 'failed', message: 'Test suite failed to run', assertionResults: [] },
      ],
    });
  });

  it('is empty when jest wrote none', () => {
    expect(readResultLog(path.join(scratchDir(), 'missing.jsonl'))).toEqual({ testResults: [] });
  });
});
