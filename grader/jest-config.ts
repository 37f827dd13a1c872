/**
 * The jest configuration a milestone's suites run under. The grader owns it, rather than using the
 * repository's jest.config.js, so that what is graded does not change when the development setup
 * does, and so that only the milestone's own `tests/` folder is searched.
 */
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root: the transform and the harness are resolved from here. */
const ROOT = path.resolve(__dirname, '..');

/** The longest one test may take before jest fails it, as in the repository's own configuration. */
const TEST_TIMEOUT_MS = 60_000;

/**
 * The share of a run's memory budget each jest worker needs: the reference's m1 peaks at 466 MB
 * for jest, two workers and their kernel processes.
 */
const MB_PER_WORKER = 256;

/** The reporter that logs each result as its test finishes (JavaScript: jest loads reporters untransformed). */
const RESULT_LOG_REPORTER = path.join(__dirname, 'result-log-reporter.js');

/**
 * The configuration, as the JSON text `jest --config` accepts. With `resultLog`, each test's result
 * is also appended to that file as the test finishes (see result-log.ts). `workers` caps jest's
 * workers below one per core: a batch grading several submissions at once shares the cores out.
 */
export function jestConfig(testsDir: string, limits: { readonly wallSeconds: number; readonly memoryMb: number }, resultLog?: string, workers = os.availableParallelism()): string {
  const { wallSeconds, memoryMb } = limits;
  return JSON.stringify({
    rootDir: ROOT,
    roots: [testsDir],
    testMatch: ['**/*.test.ts'],
    testPathIgnorePatterns: ['/node_modules/'],
    testEnvironment: 'node',
    transform: { '^.+\\.ts$': path.join(ROOT, 'jest-transform.js') },
    moduleFileExtensions: ['ts', 'js', 'json'],
    // One worker per core: jest's default leaves one core idle, and a worker whose kernel runs in
    // its own process waits on it part of the time. But no more than the run's memory budget
    // (budget.ts) holds: a worker and its kernel process take about a fifth of MB_PER_WORKER.
    maxWorkers: Math.max(1, Math.min(workers, os.availableParallelism(), Math.floor(memoryMb / MB_PER_WORKER))),
    // A hung asynchronous test fails alone instead of taking the whole milestone to its wall limit.
    testTimeout: Math.min(TEST_TIMEOUT_MS, wallSeconds * 1000),
    ...(resultLog === undefined ? {} : { reporters: ['default', [RESULT_LOG_REPORTER, { file: resultLog }]] }),
  });
}
