/**
 * Grade one milestone: run its suites (unless the submission cannot load, or there is nothing to
 * run) and turn whatever happened into a milestone report with a status and, when the suites did
 * not run to the end, the reason.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { memoryBudget } from './budget';
import { listFiles } from './files';
import type { JestResults } from '../harness/jest-run/jest-results';
import type { Milestone } from './milestone';
import { scoredStatus, sharedCause } from './milestone-status';
import type { MilestoneReport, MilestoneStatus, TestReport } from './report';
import { runSuites } from './run-suites';
import { scoreResults, sumPoints, unrunTests } from './score';

/** Everything needed to grade one milestone of one submission. */
export interface MilestoneJob {
  /** The milestone's folder (holding milestone.json and tests/). */
  readonly dir: string;
  readonly milestone: Milestone;
  readonly submissionDir: string;
  readonly seed: number;
  /** The limits to run under: milestone.json's, or the command line's override. */
  readonly limits: { readonly wallSeconds: number; readonly memoryMb: number };
  /** Why the submission cannot load at all (see compile-check.ts), if it cannot. */
  readonly cannotLoad: string | undefined;
  /** Told, while the suites run, the results of the tests finished so far. */
  readonly onResults?: (soFar: JestResults) => void;
  /** The absolute folder whose `artifacts/` gets the evidence of failures (default: the repository's). */
  readonly evidenceBase?: string;
  /** At most this many jest workers (run-suites.ts). */
  readonly workers?: number;
  /** Told the process group of the run as it starts (run-suites.ts). */
  readonly onProcessGroup?: (pgid: number) => void;
}

/** How a milestone report is made: every field but these from the job. */
type MakeReport = (status: MilestoneStatus, tests: TestReport[], extra?: Partial<MilestoneReport>) => MilestoneReport;

/**
 * Grade one milestone; never throws. Whatever a submission holds, the grader ends with a report:
 * a failure nothing foresaw becomes an `error` that says so, with its stack in the log.
 */
export async function gradeMilestone(job: MilestoneJob): Promise<MilestoneReport> {
  const { milestone, limits } = job;
  const report: MakeReport = (status, tests, extra = {}) => ({
    id: milestone.id,
    title: milestone.title,
    score: sumPoints(tests.map((test) => test.points)),
    maxScore: milestone.points,
    status,
    durationMs: 0,
    limits,
    tests,
    configErrors: [],
    ...extra,
  });
  try {
    return await grade(job, report);
  } catch (error) {
    const reason = `the grader could not grade this milestone: ${error instanceof Error ? error.message : String(error)}`;
    const log = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return report('error', unrunTests(milestone, 'error', reason), { reason, log });
  }
}

async function grade(job: MilestoneJob, report: MakeReport): Promise<MilestoneReport> {
  const { milestone, limits } = job;
  const testsDir = path.join(job.dir, 'tests');
  if (job.cannotLoad) return report('error', unrunTests(milestone, 'error', job.cannotLoad), { reason: job.cannotLoad });
  if (!hasTestFiles(testsDir)) {
    const reason = `no test files under ${path.join(milestone.id, 'tests')}`;
    return report('skipped', unrunTests(milestone, 'failed', reason), { reason });
  }

  const budget = memoryBudget(limits.memoryMb);
  let run: Awaited<ReturnType<typeof runSuites>>;
  let limitReached: string | undefined;
  try {
    const { submissionDir, seed, onResults, evidenceBase, workers, onProcessGroup } = job;
    run = await runSuites({ testsDir, submissionDir, seed, limits, isolated: true, budget, onResults, evidenceBase, workers, onProcessGroup });
    limitReached = budget.reached();
  } finally {
    budget.dispose();
  }
  const durationMs = run.durationMs;
  const figures = run.figures.length > 0 ? { figures: run.figures } : {};
  if (run.kind !== 'finished') {
    // The tests that finished before the end keep their results; the others did not run, for this reason.
    const wall = `the suites did not finish within the wall-time limit of ${limits.wallSeconds} s and were killed`;
    const ended = run.kind === 'timeout' ? [wall, limitReached].filter(Boolean).join('; ') : run.reason;
    const { tests, configErrors } = scoreResults(milestone, testsDir, run.results, ended);
    const reason = `${ended}${keptResults(run.results)}`;
    return report(run.kind === 'timeout' ? 'timeout' : 'error', tests, { reason, durationMs, configErrors, log: run.stderrTail, ...figures });
  }
  const { tests, configErrors } = scoreResults(milestone, testsDir, run.results);
  const status = scoredStatus(tests);
  // A kernel process killed for the run's memory ends only its own tests: they say how they ended, the milestone why.
  const reason = limitReached ?? (status === 'failed' ? sharedCause(tests) : undefined);
  return report(status, tests, { durationMs, configErrors, ...figures, ...(reason ? { reason } : {}) });
}

/** `; the 72 tests that finished before keep their results`, when some did. */
function keptResults(results: JestResults): string {
  const finished = results.testResults.reduce((count, file) => count + file.assertionResults.length, 0);
  if (finished === 0) return '';
  return `; ${finished === 1 ? 'the test that finished before keeps its result' : `the ${finished} tests that finished before keep their results`}`;
}

function hasTestFiles(testsDir: string): boolean {
  return fs.existsSync(testsDir) && listFiles(testsDir).some((file) => file.relative.endsWith('.test.ts'));
}
