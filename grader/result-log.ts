/**
 * The result log: what result-log-reporter.js appended as each test finished, read back as jest's
 * results so far. It is what a run that was killed at its wall-time limit, or died, leaves of its
 * results; jest's own `--json` file is written only at the end.
 *
 * A line that is not a whole record (the last one, cut by the kill) is skipped.
 */
import * as fs from 'node:fs';
import { isAssertion, isRecord, type JestAssertion, type JestFileResult, type JestResults } from '../harness/jest-run/jest-results';

/** The results the log holds, by test file, in the order they finished; none when there is no log. */
export function readResultLog(file: string): JestResults {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { testResults: [] };
  }
  const files = new Map<string, { tests: JestAssertion[]; failure: string | undefined }>();
  for (const line of text.split('\n')) {
    const record = parseLine(line);
    if (!record) continue;
    const entry = files.get(record.file) ?? { tests: [], failure: undefined };
    files.set(record.file, entry);
    if ('test' in record) entry.tests.push(record.test);
    else entry.failure ??= record.fileFailure;
  }
  const testResults = [...files].map(([name, { tests, failure }]): JestFileResult => {
    const failed = failure !== undefined || tests.some((test) => test.status === 'failed');
    return { name, status: failed ? 'failed' : 'passed', message: failure ?? '', assertionResults: tests };
  });
  return { testResults };
}

type LogRecord = { readonly file: string; readonly test: JestAssertion } | { readonly file: string; readonly fileFailure: string };

function parseLine(line: string): LogRecord | undefined {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isRecord(data) || typeof data.file !== 'string') return undefined;
  if (isAssertion(data.test)) return { file: data.file, test: data.test };
  if (typeof data.fileFailure === 'string') return { file: data.file, fileFailure: data.fileFailure };
  return undefined;
}
