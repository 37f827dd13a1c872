/**
 * Running some of a milestone's tests in a child jest against a chosen stack, and reading back
 * what jest reported. The child gets the grader's jest configuration and environment, so that a
 * check sees what grading would see — except that the stack is not isolated (see below).
 */
import execa from 'execa';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { childEnv } from '../../grader/child-env';
import { jestConfig } from '../../grader/jest-config';
import { parseJestResults, type JestAssertion, type JestResults } from '../../harness/jest-run/jest-results';
import type { Milestone } from '../../grader/milestone';
import { DEFAULT_SEED } from '../../harness/sim/rng';

const ROOT = path.resolve(__dirname, '..', '..');
const JEST_BIN = require.resolve('jest/bin/jest');
/** How much of the child's stderr an error message shows when jest wrote no results. */
const STDERR_TAIL_CHARS = 3000;

export interface JestRunRequest {
  readonly milestone: Milestone;
  /** The milestone's folder (its tests are in `tests/`). */
  readonly milestoneDir: string;
  /** The absolute folder of the stack under test. */
  readonly submissionDir: string;
  /** Test files to run, relative to `tests/` (`public/bind.test.ts`); all of them when absent. */
  readonly files?: readonly string[];
  /** jest's `--testNamePattern`: only tests whose full name matches run, the others are reported as skipped. */
  readonly testNamePattern?: string;
  readonly seed?: number;
  /** Run the stack in a locked-down process of its own, as grading does (default: in jest's). */
  readonly isolated?: boolean;
}

/** Told as each jest run of a check finishes, e.g. to show progress; `label` names the run. */
export type OnRunDone = (label: string) => void;

/** Run jest as requested; throws when jest crashed without writing its results. */
export async function runJest(request: JestRunRequest): Promise<JestResults> {
  const testsDir = path.join(request.milestoneDir, 'tests');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'socklab-check-'));
  const outputFile = path.join(scratch, 'results.json');
  try {
    // One worker (--runInBand): checks run several children side by side, one per core.
    const args = [JEST_BIN, '--config', jestConfig(testsDir, request.milestone.limits), '--ci', '--json', '--outputFile', outputFile, '--runInBand'];
    if (request.testNamePattern !== undefined) args.push('--testNamePattern', request.testNamePattern);
    if (request.files) args.push('--runTestsByPath', ...request.files.map((file) => path.join(testsDir, file)));
    const child = await execa(process.execPath, args, {
      cwd: ROOT,
      // Unless asked, the stack runs in jest's process, as in a student's `npm test`, rather than in a
      // locked-down process of its own as when grading: the stacks checked here are trusted, and run
      // faster this way.
      env: childEnv({ submissionDir: request.submissionDir, seed: request.seed ?? DEFAULT_SEED, memoryMb: request.milestone.limits.memoryMb, isolated: request.isolated ?? false }),
      extendEnv: false,
      stdin: 'ignore',
      reject: false,
    });
    const results = fs.existsSync(outputFile) ? parseJestResults(fs.readFileSync(outputFile, 'utf8')) : undefined;
    if (!results) throw new Error(`jest wrote no results (exit code ${child.exitCode}):\n${child.stderr.slice(-STDERR_TAIL_CHARS)}`);
    return results;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** One test as a run reported it, with its file relative to the milestone's `tests/`. */
export interface ReportedTest extends JestAssertion {
  readonly file: string;
}

/** Every test of `results`, each with its file. */
export function reportedTests(results: JestResults, milestoneDir: string): ReportedTest[] {
  const testsDir = path.join(milestoneDir, 'tests');
  return results.testResults.flatMap((file) =>
    file.assertionResults.map((test) => ({ ...test, file: path.relative(testsDir, file.name).split(path.sep).join('/') })),
  );
}

/** The files jest could not run at all (a syntax error, a throw while loading), with jest's message. */
export function filesThatDidNotRun(results: JestResults, milestoneDir: string): string[] {
  const testsDir = path.join(milestoneDir, 'tests');
  return results.testResults
    .filter((file) => file.status === 'failed' && file.assertionResults.length === 0)
    .map((file) => `${path.relative(testsDir, file.name)}: ${firstLines(file.message)}`);
}

/** How long a failure may be when shown on one line. */
const SHOWN_CHARS = 200;

/** The first lines of a failure message on one line: enough to say why, short enough for a report. */
export function firstLines(message: string, lines = 3): string {
  const shown = message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, lines)
    .join(' / ');
  return shown.length > SHOWN_CHARS ? `${shown.slice(0, SHOWN_CHARS - 1)}…` : shown;
}
