/**
 * A student repository's public-only autograding result, from jest's JSON results: one point per
 * public test that ran, a file that could not run as one test in error, the note that no hidden
 * test ran first, and the whole within the size the grading reporter can be given.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_CLASSROOM_BYTES, renderResult } from '../classroom-result';
import { PUBLIC_ONLY_NOTE, publicClassroomResult, writePublicClassroomResult } from '../classroom-public';
import { parseJestResults, type JestAssertion, type JestFileResult, type JestResults } from '../jest-results';

const ROOT = '/home/runner/work/alice/alice';
const FIXTURE = path.join(__dirname, 'fixtures', 'jest-results.json');
const fixture = (): JestResults => parseJestResults(fs.readFileSync(FIXTURE, 'utf8')) ?? { testResults: [] };
const [bind] = fixture().testResults as [JestFileResult];

describe('the public-only classroom result', () => {
  it('scores one point per public test that ran, names it by milestone, and says where it is', () => {
    const result = publicClassroomResult(fixture(), ROOT);
    const file = 'assignments/m1-udp/tests/public/bind.test.ts';
    expect(result.tests.slice(1).map(({ name, status, score, filename, line_no, duration }) => ({ name, status, score, filename, line_no, duration }))).toEqual([
      { name: 'm1-udp › bind binds a free port', status: 'pass', score: 1, filename: file, line_no: 2, duration: 2 },
      { name: 'm1-udp › bind refuses a port in use with EADDRINUSE', status: 'fail', score: 0, filename: file, line_no: 3, duration: 2 },
      { name: 'm1-udp › assignments/m1-udp/tests/public/broken.test.ts', status: 'error', score: 0, filename: 'assignments/m1-udp/tests/public/broken.test.ts', line_no: 0, duration: 0 },
    ]);
    // The skipped test is left out: max_score counts the tests that ran and the file that could not.
    expect({ version: result.version, status: result.status, max_score: result.max_score }).toEqual({ version: 1, status: 'error', max_score: 3 });
  });

  it("gives a failure jest's message without its colours, and a file that could not run jest's reason", () => {
    const [, , failed, error] = publicClassroomResult(fixture(), ROOT).tests;
    expect(failed?.message).toContain('Expected: "EADDRINUSE"\nReceived: "EINVAL"');
    expect(failed?.message).not.toContain('\u001b[');
    expect(error?.message).toContain("Cannot find module './missing-support'");
  });

  it('heads the tests with the note that only the public tests ran, worth no points', () => {
    const { tests } = publicClassroomResult(fixture(), ROOT);
    expect(tests[0]).toBe(PUBLIC_ONLY_NOTE);
    expect(PUBLIC_ONLY_NOTE).toMatchObject({ score: 0, status: 'pass', name: expect.stringMatching(/^Only the public tests ran: .*hidden tests.* not configured/) });
  });

  it('passes when every test that ran passed, and fails when one failed', () => {
    const only = (...assertions: JestAssertion[]): JestResults => ({ testResults: [{ ...bind, assertionResults: assertions }] });
    const [passed, failed, skipped] = bind.assertionResults as [JestAssertion, JestAssertion, JestAssertion];
    expect(publicClassroomResult(only(passed, skipped), ROOT)).toMatchObject({ status: 'pass', max_score: 1 });
    expect(publicClassroomResult(only(passed, failed), ROOT)).toMatchObject({ status: 'fail', max_score: 2 });
  });

  it('is one test in error, saying why, when jest wrote no results', () => {
    const result = publicClassroomResult(undefined, ROOT);
    expect(result).toMatchObject({ status: 'error', max_score: 1 });
    expect(result.tests.slice(1)).toEqual([expect.objectContaining({ status: 'error', score: 0, message: expect.stringContaining('jest wrote no results') })]);
  });

  it('stays under the reporter’s size limit with 300 long failures, cutting messages but keeping every test', () => {
    const failure = (file: number, test: number): JestAssertion => ({ ...bind.assertionResults[1]!, fullName: `suite ${file} test ${test} ${'with a long name '.repeat(3)}`, failureMessages: [`${'x'.repeat(20_000)}`] });
    const huge: JestResults = {
      testResults: Array.from({ length: 60 }, (_, file) => ({ ...bind, name: `${ROOT}/assignments/m1-udp/tests/public/f${file}.test.ts`, assertionResults: Array.from({ length: 5 }, (__, test) => failure(file, test)) })),
    };
    const result = publicClassroomResult(huge, ROOT);
    expect(Buffer.byteLength(renderResult(result))).toBeLessThanOrEqual(MAX_CLASSROOM_BYTES);
    expect(result.max_score).toBe(300);
    expect(result.tests.filter((test) => test.status === 'fail')).toHaveLength(300);
    expect(result.tests[1]?.message).toMatch(/^x+\n… \(\d+ more characters cut\)$/);
  });
});

describe('writePublicClassroomResult', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'socklab-classroom-public-'));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("writes the result of jest's results file as one line, in a folder it makes", () => {
    const output = path.join(scratch, 'grading', 'classroom.json');
    const result = writePublicClassroomResult(FIXTURE, output, ROOT);
    expect(fs.readFileSync(output, 'utf8')).toBe(renderResult(result));
    expect(result).toEqual(publicClassroomResult(fixture(), ROOT));
  });

  it('writes the error result when the results file is missing or is not jest’s', () => {
    const notJest = path.join(scratch, 'not-jest.json');
    fs.writeFileSync(notJest, '{"tests": []}');
    for (const input of [path.join(scratch, 'missing.json'), notJest]) {
      expect(writePublicClassroomResult(input, path.join(scratch, 'out.json'), ROOT)).toEqual(publicClassroomResult(undefined, ROOT));
    }
  });
});

