/**
 * The part of jest's `--json` output that socklab reads, and a reader that checks its shape: the
 * grader's (the file is written by the child process, which runs untrusted code: anything
 * unexpected in it is a failed run, never a crash of the grader) and a student repository's
 * public-only autograding (classroom-public.ts), which is why it lives in the harness.
 */

/** One test, as jest's JSON reports it. */
export interface JestAssertion {
  /** Describe titles and the test title, joined by spaces. */
  readonly fullName: string;
  /** `passed`, `failed`, `pending`, `skipped`, `todo`, `disabled` or `focused`. */
  readonly status: string;
  readonly duration?: number | null;
  readonly failureMessages: readonly string[];
  /** Where the test is declared, with jest's `--testLocationInResults` (else null or missing). */
  readonly location?: { readonly line: number; readonly column: number } | null;
}

/** One test file. */
export interface JestFileResult {
  /** The absolute path of the test file. */
  readonly name: string;
  /** `failed` with no assertions when the file itself could not run. */
  readonly status: string;
  /** The file's failure text (jest's "Test suite failed to run" when it could not run). */
  readonly message: string;
  readonly assertionResults: readonly JestAssertion[];
}

/** A whole run. */
export interface JestResults {
  readonly testResults: readonly JestFileResult[];
}

/** Parse jest's JSON output; undefined when the text is not what jest writes. */
export function parseJestResults(text: string): JestResults | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(data) || !Array.isArray(data.testResults) || !data.testResults.every(isFileResult)) return undefined;
  return data as unknown as JestResults;
}

function isFileResult(value: unknown): value is JestFileResult {
  return (
    isRecord(value) &&
    typeof value.name === 'string' &&
    typeof value.status === 'string' &&
    typeof value.message === 'string' &&
    Array.isArray(value.assertionResults) &&
    value.assertionResults.every(isAssertion)
  );
}

/** Whether `value` has the shape of one test's result. */
export function isAssertion(value: unknown): value is JestAssertion {
  return (
    isRecord(value) &&
    typeof value.fullName === 'string' &&
    typeof value.status === 'string' &&
    (value.duration === undefined || value.duration === null || typeof value.duration === 'number') &&
    Array.isArray(value.failureMessages) &&
    value.failureMessages.every((message) => typeof message === 'string') &&
    (value.location === undefined || value.location === null || (isRecord(value.location) && typeof value.location.line === 'number' && typeof value.location.column === 'number'))
  );
}

/** A non-null object, whose fields can be looked at. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
