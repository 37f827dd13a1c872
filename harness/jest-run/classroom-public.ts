/**
 * A student repository's GitHub Classroom autograding when the course's grader is not configured
 * there (.github/workflows/classroom.yml): the public tests' results, from jest's `--json
 * --testLocationInResults` output, as a runner result with one point per public test that ran.
 *
 *     node_modules/.bin/ts-node --transpile-only harness/jest-run/classroom-public.ts JEST-RESULTS.json CLASSROOM.json
 *
 * Without results jest wrote (`npm test` stops at a type error before jest starts), the result is
 * one test in error that says so.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fittingResult, renderResult, SHRINKING_CAPS, type ClassroomResult, type ClassroomTest, type RunnerStatus } from './classroom-result';
import { parseJestResults, type JestFileResult, type JestResults } from './jest-results';
import { capText, cleanMessage } from './message-text';

/**
 * The result's first test, worth no points: the reporter lists tests by name (messages only for
 * failures), so its name is what tells a student that their score is not the course's grade.
 */
export const PUBLIC_ONLY_NOTE: ClassroomTest = {
  name: 'Only the public tests ran: the course grader, with the hidden tests, is not configured for this repository',
  status: 'pass',
  score: 0,
  message: '',
  test_code: '',
  filename: '',
  line_no: 0,
  duration: 0,
};

/** jest's statuses of a test that did not run (a skip, a todo): worth nothing either way, so left out. */
const NOT_RUN = new Set(['pending', 'skipped', 'todo', 'disabled']);

/**
 * The runner result of `results` (undefined: jest wrote none) of the repository at `root`, within
 * MAX_CLASSROOM_BYTES but for the tests' names: messages as short as that needs.
 */
export function publicClassroomResult(results: JestResults | undefined, root: string): ClassroomResult {
  // First whole, as the grader's report keeps them.
  return fittingResult([Number.POSITIVE_INFINITY, ...SHRINKING_CAPS], (cap) => resultOf(results, root, cap));
}

function resultOf(results: JestResults | undefined, root: string, cap: number): ClassroomResult {
  const tests = results === undefined ? [noResults()] : results.testResults.flatMap((file) => fileTests(file, root, cap));
  const status: RunnerStatus = tests.some((test) => test.status === 'error') ? 'error' : tests.some((test) => test.status === 'fail') ? 'fail' : 'pass';
  return { version: 1, status, max_score: tests.length, tests: [PUBLIC_ONLY_NOTE, ...tests] };
}

/** A file's tests that ran; a file that could not run (a failed import, say) is one test in error. */
function fileTests(file: JestFileResult, root: string, cap: number): ClassroomTest[] {
  const filename = path.relative(root, file.name).split(path.sep).join('/');
  // Named as the grader names them: by milestone, where the file is a milestone's.
  const where = /^assignments\/([^/]+)\//.exec(filename)?.[1] ?? filename;
  const test = { test_code: '', filename };
  if (file.assertionResults.length === 0 && file.status === 'failed') {
    return [{ ...test, name: `${where} › ${filename}`, status: 'error', score: 0, message: capText(cleanMessage([file.message]), cap), line_no: 0, duration: 0 }];
  }
  return file.assertionResults
    .filter((assertion) => !NOT_RUN.has(assertion.status))
    .map((assertion) => ({
      ...test,
      name: `${where} › ${assertion.fullName}`,
      status: assertion.status === 'passed' ? 'pass' : 'fail',
      score: assertion.status === 'passed' ? 1 : 0,
      message: capText(cleanMessage(assertion.failureMessages), cap),
      line_no: assertion.location?.line ?? 0,
      duration: Math.round(assertion.duration ?? 0),
    }));
}

function noResults(): ClassroomTest {
  return {
    name: 'public tests',
    status: 'error',
    score: 0,
    message: 'jest wrote no results, so no test ran: `npm test` stops at a type error before jest starts. The log of the step that ran the public tests says what stopped it.',
    test_code: '',
    filename: '',
    line_no: 0,
    duration: 0,
  };
}

/** Read jest's results at `input` (missing or unreadable: none) and write the runner result to `output`. */
export function writePublicClassroomResult(input: string, output: string, root: string): ClassroomResult {
  const results = fs.existsSync(input) ? parseJestResults(fs.readFileSync(input, 'utf8')) : undefined;
  const result = publicClassroomResult(results, root);
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.writeFileSync(output, renderResult(result));
  return result;
}

if (require.main === module) {
  const [input, output] = process.argv.slice(2);
  if (input === undefined || output === undefined) {
    process.stderr.write('usage: classroom-public.ts JEST-RESULTS.json CLASSROOM.json\n');
    process.exit(2);
  }
  const { max_score, tests } = writePublicClassroomResult(input, output, process.cwd());
  process.stderr.write(`${output}: ${tests.reduce((sum, test) => sum + test.score, 0)}/${max_score} points, from the public tests only\n`);
}
