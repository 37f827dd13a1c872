/**
 * The student's side, end to end, as on a fresh machine: `npm run export:student`, then in the
 * export `npm ci` (from the npm registry, with the exported lockfile) and `npm test`, run by the
 * autograding workflow's public-tests step, which also turns the results into the points GitHub
 * Classroom records. The untouched starter fails every public test, each with the reason its stub
 * gives and the stub's line, and `npm test` ends with the stub to write first. This needs the npm
 * registry: without it the setup fails, saying so, within its time limits.
 */
import execa from 'execa';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseJestResults, type JestResults } from '../../harness/jest-run/jest-results';
import { listMilestones } from '../../grader/milestone';
import { PUBLIC_ONLY_NOTE } from '../../harness/jest-run/classroom-public';
import { MAX_CLASSROOM_BYTES, type ClassroomResult } from '../../harness/jest-run/classroom-result';
import { milestoneFiles } from '../export-student/milestone-files';
import { PUBLIC_TESTS_SCRIPT, RESULT_SCRIPT } from '../export-student/workflows';
import { REPO_ROOT } from '../starter/files';
import { commandFailure, studentNpm as npm, studentNpmCi } from './student-shell';
import { reportedResult, runStep } from './workflow-step';

/** `npm ci` of about 300 packages takes some 20 s from the registry; a stalled network is cut off here. */
const NPM_CI_LIMIT_MS = 8 * 60_000;
const NPM_TEST_LIMIT_MS = 5 * 60_000;
const SETUP_LIMIT_MS = 15 * 60_000;

// Digits only after the prefix: no random letters, so that `npm test -- m1` cannot match the folder's own path.
const dir = path.join(os.tmpdir(), `socklab-export-npm-${process.pid}-${Date.now()}`);
/** The runner's temporary folder of the autograding job, where its steps write their files. */
const runnerTemp = `${dir}-runner-temp`;
const job = { workspace: dir, temp: runnerTemp };
const publicTests = listMilestones().flatMap((id) => milestoneFiles(REPO_ROOT, id).publicFiles.filter((file) => file.endsWith('.test.ts')));
let npmTest: execa.ExecaReturnValue;
let results: JestResults;
let classroom: ClassroomResult | undefined;

beforeAll(async () => {
  const exported = await npm(['run', 'export:student', '--', dir], REPO_ROOT, NPM_TEST_LIMIT_MS);
  if (exported.exitCode !== 0) throw commandFailure('npm run export:student', exported);
  const ci = await studentNpmCi(dir, NPM_CI_LIMIT_MS);
  if (ci.exitCode !== 0) throw commandFailure('npm ci in the exported repository', ci, ': it installs from the npm registry; is the registry reachable from here?');
  fs.mkdirSync(runnerTemp);
  npmTest = await runStep(PUBLIC_TESTS_SCRIPT, job, NPM_TEST_LIMIT_MS);
  const outputFile = path.join(runnerTemp, 'jest-results.json');
  const parsed = fs.existsSync(outputFile) ? parseJestResults(fs.readFileSync(outputFile, 'utf8')) : undefined;
  if (!parsed) throw commandFailure('npm test in the exported repository wrote no results:', npmTest);
  results = parsed;
  const reported = await runStep(RESULT_SCRIPT, job, NPM_TEST_LIMIT_MS);
  if (reported.exitCode !== 0) throw commandFailure('the step handing the result to the grading reporter', reported);
  classroom = reportedResult(job);
}, SETUP_LIMIT_MS);

afterAll(() => {
  for (const folder of [dir, runnerTemp]) fs.rmSync(folder, { recursive: true, force: true });
});

describe('an exported repository, after npm ci', () => {
  it('typechecks the stack in npm test, then runs every public test against stack/', () => {
    expect(npmTest.all).toContain('> tsc --noEmit -p tsconfig.json');
    const ran = results.testResults.map((file) => path.relative(dir, file.name)).sort();
    expect(ran).toEqual([...publicTests].sort());
  });

  it('fails every public test on the untouched starter, with "not implemented (mN: …)"', () => {
    const tests = results.testResults.flatMap((file) => file.assertionResults);
    expect(tests.length).toBeGreaterThan(0);
    const unexplained = tests.filter((test) => test.status !== 'failed' || !/not implemented \(m\d+: /.test(test.failureMessages.join('\n')));
    expect(unexplained.map((test) => test.fullName)).toEqual([]);
    expect(tests.some((test) => test.failureMessages.join('\n').includes('not implemented (m1: '))).toBe(true);
  });

  it("ends npm test with the next step: the handout's first file for m1, at the line of the stub that fails there", () => {
    const output = npmTest.all ?? '';
    const nextStep = output.lastIndexOf('\nNext step\n');
    expect(nextStep).toBeGreaterThan(output.lastIndexOf('●'));
    const [, file = '(no fix first)', line = '0', what = ''] = /^ {2}fix first: stack\/(\S+):(\d+) \(m1: (.+)\)$/m.exec(output.slice(nextStep)) ?? [];
    const handout = fs.readFileSync(path.join(dir, 'assignments', 'm1-udp', 'README.md'), 'utf8');
    expect(file).toBe(/^\| 1 \| `([^`]+)`/m.exec(handout)?.[1]);
    expect(fs.readFileSync(path.join(dir, 'stack', file), 'utf8').split('\n')[Number(line) - 1]).toContain(`new NotImplemented('m1', '${what}')`);
  });

  it("points a stub's failure at the stub in stack/, not at the harness", () => {
    const messages = results.testResults.flatMap((file) => file.assertionResults).flatMap((test) => test.failureMessages);
    const notImplemented = messages.find((text) => text.startsWith('NotImplemented: ')) ?? '(no NotImplemented failure)';
    const firstFrame = notImplemented.split('\n').find((text) => /^\s+at /.test(text));
    expect(firstFrame).toContain(`${path.join(dir, 'stack')}${path.sep}`);
  });

  it('names the seed and the pcap of a failure, and writes the pcap in the repository', () => {
    const message = results.testResults.flatMap((file) => file.assertionResults).flatMap((test) => test.failureMessages).find((text) => text.includes('pcap:')) ?? '';
    expect(message).toMatch(/seed: +\d+ +\(rerun just this: SOCKLAB_SEED=\d+ npx jest assignments\//);
    const pcap = /pcap: +(artifacts\/\S+\.pcapng)/.exec(message)?.[1] ?? '(no pcap named)';
    expect(fs.existsSync(path.join(dir, pcap))).toBe(true);
  });

  it('gives GitHub Classroom a point per public test that ran, none earned, after the note that only the public tests ran', () => {
    const ran = results.testResults.flatMap((file) => file.assertionResults).filter((test) => test.status === 'passed' || test.status === 'failed');
    expect(classroom).toMatchObject({ version: 1, status: 'fail', max_score: ran.length });
    const [note, ...tests] = classroom?.tests ?? [];
    expect(note).toEqual(PUBLIC_ONLY_NOTE);
    expect(tests.map((test) => test.score)).toEqual(ran.map(() => 0));
    expect(tests.filter((test) => !/not implemented \(m\d+: /.test(test.message)).map((test) => test.name)).toEqual([]);
    // Where each test is: its file in the repository, and its line where jest can tell it (--testLocationInResults).
    expect(tests.filter((test) => !fs.existsSync(path.join(dir, test.filename))).map((test) => test.name)).toEqual([]);
    expect(tests.some((test) => test.line_no > 0)).toBe(true);
    expect(Buffer.byteLength(fs.readFileSync(path.join(runnerTemp, 'grading', 'classroom.json')))).toBeLessThanOrEqual(MAX_CLASSROOM_BYTES);
  });

  it('runs one packet script against stack/ with `npm run script`, as its README shows', async () => {
    const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
    const script = /^npm run script -- (\S+\.pkt)/m.exec(readme)?.[1] ?? '(no npm run script line in the README)';
    const run = await npm(['run', '-s', 'script', '--', script], dir, NPM_TEST_LIMIT_MS);
    expect(run.all).toContain(`${script}:`);
    expect(run.all).toMatch(/not implemented \(m\d+: /);
    expect(run.exitCode).toBe(1);
  }, NPM_TEST_LIMIT_MS);

  it('runs one milestone with `npm test -- m1`', async () => {
    const listed = await npm(['test', '--', 'm1', '--listTests'], dir, NPM_TEST_LIMIT_MS);
    expect(listed.exitCode).toBe(0);
    const files = listed.stdout.split('\n').filter((line) => path.isAbsolute(line)).map((line) => path.relative(dir, line));
    expect(files.sort()).toEqual(publicTests.filter((file) => file.startsWith('assignments/m1-')).sort());
  }, NPM_TEST_LIMIT_MS);
});
