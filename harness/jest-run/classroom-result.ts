/**
 * GitHub Classroom's runner result: what one autograding "runner" (the official ones are
 * classroom-resources/autograding-command-grader and its siblings) hands to
 * classroom-resources/autograding-grading-reporter: `{version: 1, status, max_score, tests[]}`,
 * each test `{name, status: pass|fail|error, score, message, ...}`. Classroom's grade is the sum of
 * the tests' `score` out of `max_score`. Two writers share it: the grader's classroom export, and
 * a student repository's autograding when it runs the public tests only (classroom-public.ts).
 */

export type RunnerStatus = 'pass' | 'fail' | 'error';

export interface ClassroomTest {
  readonly name: string;
  readonly status: RunnerStatus;
  readonly score: number;
  readonly message: string;
  readonly test_code: string;
  readonly filename: string;
  readonly line_no: number;
  /** Milliseconds. */
  readonly duration: number;
}

/** One runner's result, as the grading reporter reads it. */
export interface ClassroomResult {
  readonly version: 1;
  readonly status: RunnerStatus;
  readonly max_score: number;
  readonly tests: readonly ClassroomTest[];
}

/**
 * The largest `classroom.json`. The grading reporter reads it base64-encoded from one environment
 * variable (`<RUNNER-ID>_RESULTS`), and Linux starts no process given an environment string over
 * 128 KiB (MAX_ARG_STRLEN): 96,000 bytes are 128,000 in base64, leaving room for the name.
 */
export const MAX_CLASSROOM_BYTES = 96_000;

/** Each message's cap, tried in turn while the file is too large (the last: no message at all). */
export const SHRINKING_CAPS: readonly number[] = [2000, 1000, 600, 400, 300, 240, 200, 160, 120, 80, 0];

/**
 * The result `make` gives for the first of `tries` (message bounds, longest first) whose file fits
 * in MAX_CLASSROOM_BYTES; the last try's when none does (only names and points are left then).
 */
export function fittingResult<T>(tries: readonly [T, ...T[]], make: (bounds: T) => ClassroomResult): ClassroomResult {
  let result = make(tries[0]);
  for (const bounds of tries.slice(1)) {
    if (Buffer.byteLength(renderResult(result)) <= MAX_CLASSROOM_BYTES) break;
    result = make(bounds);
  }
  return result;
}

/** `classroom.json`: one line, as the file is made for the reporter, and indentation would take a fifth of its size limit. */
export function renderResult(result: ClassroomResult): string {
  return `${JSON.stringify(result)}\n`;
}
