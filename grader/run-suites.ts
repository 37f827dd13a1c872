/**
 * Run one milestone's suites in a child process, under its limits, and bring back jest's results.
 *
 * Results are read only from files the grader chose, never from the child's stdout, which the
 * submission can fill with anything; stdout is not even kept. jest's `--outputFile` holds the
 * results of a run that finished; the result log (result-log.ts), those of the tests that finished
 * before a run was killed or died. The child's stderr is kept only as a bounded tail, for instructors.
 */
import execa from 'execa';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Budget } from './budget';
import type { MeasuredFigure } from '../harness/testkit/figures';
import { childEnv } from './child-env';
import { readFigures } from './figures';
import { jestConfig } from './jest-config';
import { parseJestResults, type JestResults } from '../harness/jest-run/jest-results';
import { readResultLog } from './result-log';
import { killGroup, trackGroup } from './process-group';

const ROOT = path.resolve(__dirname, '..');
const JEST_BIN = require.resolve('jest/bin/jest');
/** How much of the child's stderr a report keeps. */
const STDERR_TAIL_CHARS = 4000;
/** How often the result log is read for {@link SuiteRunOptions.onResults}. */
const RESULTS_POLL_MS = 1000;

/** One run of a milestone's suites. */
export interface SuiteRunOptions {
  /** The milestone's `tests/` folder. */
  readonly testsDir: string;
  readonly submissionDir: string;
  readonly seed: number;
  readonly limits: { readonly wallSeconds: number; readonly memoryMb: number };
  /** Whether the submission's kernels run in their own processes (see child-env.ts). */
  readonly isolated: boolean;
  /** The absolute folder whose `artifacts/` gets the evidence of failures (default: the repository's). */
  readonly evidenceBase?: string;
  /** The operating system's bound on the memory and tasks of the whole run (budget.ts), if any. */
  readonly budget?: Budget;
  /** Told, while the suites run, the results of the tests finished so far (e.g. to show progress). */
  readonly onResults?: (soFar: JestResults) => void;
  /** At most this many jest workers (default: one per core). */
  readonly workers?: number;
  /**
   * Told the process group of the run as it starts: whoever may be killed without a chance to
   * clean up (a batch) records it, to end the run's processes when it starts again.
   */
  readonly onProcessGroup?: (pgid: number) => void;
}

/**
 * How a run ended: with jest's results, at the wall-time limit, or without jest's results. A run
 * that did not finish has the results of the tests that finished before it ended.
 */
export type SuiteRun = (
  | { readonly kind: 'finished'; readonly results: JestResults; readonly durationMs: number }
  | { readonly kind: 'timeout'; readonly results: JestResults; readonly durationMs: number; readonly stderrTail: string }
  | { readonly kind: 'crashed'; readonly reason: string; readonly results: JestResults; readonly durationMs: number; readonly stderrTail: string }
) & {
  /** The figures the tests that passed measured (harness/testkit/figures.ts). */
  readonly figures: readonly MeasuredFigure[];
};

/** Run the suites; resolves however the child ends (never rejects for what the submission does). */
export async function runSuites(options: SuiteRunOptions): Promise<SuiteRun> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'socklab-grade-'));
  const outputFile = path.join(scratch, 'jest-results.json');
  const resultLog = path.join(scratch, 'result-log.jsonl');
  const figuresFile = path.join(scratch, 'figures.jsonl');
  const started = Date.now();
  try {
    const jest = [JEST_BIN, '--config', jestConfig(options.testsDir, options.limits, resultLog, options.workers), '--ci', '--json', '--outputFile', outputFile, '--forceExit'];
    const { command, args } = options.budget?.wrap(process.execPath, jest) ?? { command: process.execPath, args: jest };
    const child = execa(
      command,
      args,
      {
        cwd: ROOT,
        env: childEnv({ submissionDir: options.submissionDir, seed: options.seed, memoryMb: options.limits.memoryMb, isolated: options.isolated, figuresFile, evidenceBase: options.evidenceBase }),
        extendEnv: false,
        // A group of its own, so that a timeout kills jest's workers and whatever they started.
        detached: true,
        stdin: 'ignore',
        stdout: 'ignore',
        stderr: 'pipe',
        buffer: false,
        reject: false,
      },
    );
    const pid = child.pid;
    if (pid === undefined) return { kind: 'crashed', reason: 'the test process could not be started', results: { testResults: [] }, durationMs: 0, stderrTail: '', figures: [] };
    trackGroup(pid);
    options.onProcessGroup?.(pid);
    let stderrTail = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(pid);
    }, options.limits.wallSeconds * 1000);
    const onResults = options.onResults;
    const poll = onResults && setInterval(() => onResults(readResultLog(resultLog)), RESULTS_POLL_MS);
    const ended = await child;
    clearTimeout(timer);
    clearInterval(poll);
    killGroup(pid);
    const durationMs = Date.now() - started;
    const figures = readFigures(figuresFile);
    if (timedOut) return { kind: 'timeout', results: readResultLog(resultLog), durationMs, stderrTail, figures };
    const results = fs.existsSync(outputFile) ? parseJestResults(fs.readFileSync(outputFile, 'utf8')) : undefined;
    if (results) return { kind: 'finished', results, durationMs, figures };
    const reason = options.budget?.reached() ?? crashReason(ended.exitCode, ended.signal, stderrTail, options.limits.memoryMb);
    return { kind: 'crashed', reason, results: readResultLog(resultLog), durationMs, stderrTail, figures };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Why a run left no results, as far as the exit and the end of stderr tell. */
function crashReason(exitCode: number | undefined, signal: string | undefined, stderr: string, memoryMb: number): string {
  const how = signal ? `was killed by ${signal}` : `exited with code ${exitCode ?? 'unknown'}`;
  if (/heap out of memory|Allocation failed/i.test(stderr)) return `the test process ran out of memory (limit ${memoryMb} MB) and ${how}`;
  if (stderr.includes('process.exit called with')) return `process.exit() was called during the tests (by the submission?): the test process ${how} before jest wrote its results`;
  return `the test process ${how} before jest wrote its results`;
}
