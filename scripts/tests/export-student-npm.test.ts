/**
 * The student's side, end to end, as on a fresh machine: `npm run export:student`, then in the
 * export `npm ci` (from the npm registry, with the exported lockfile) and `npm test`. The untouched
 * starter fails every public test, each with the reason its stub gives. This needs the npm
 * registry: without it the setup fails, saying so, within its time limits.
 */
import execa from 'execa';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseJestResults, type JestResults } from '../../grader/jest-results';
import { listMilestones } from '../../grader/milestone';
import { milestoneFiles } from '../export-student/milestone-files';
import { REPO_ROOT } from '../starter/files';

/** `npm ci` of about 300 packages takes some 20 s from the registry; a stalled network is cut off here. */
const NPM_CI_LIMIT_MS = 8 * 60_000;
const NPM_TEST_LIMIT_MS = 5 * 60_000;
const SETUP_LIMIT_MS = 15 * 60_000;

// Digits only after the prefix: no random letters, so that `npm test -- m1` cannot match the folder's own path.
const dir = path.join(os.tmpdir(), `socklab-export-npm-${process.pid}-${Date.now()}`);
const publicTests = listMilestones().flatMap((id) => milestoneFiles(REPO_ROOT, id).publicFiles.filter((file) => file.endsWith('.test.ts')));
let npmTest: execa.ExecaReturnValue;
let results: JestResults;

/**
 * The environment of a student's shell: none of this run's socklab or jest variables, nor those npm
 * sets for the script it runs. npm's configuration (`npm_config_*`, a registry set there say) stays.
 */
function studentEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(socklab_|jest_|npm_(lifecycle|package)_|npm_command$|init_cwd$)/i.test(name)));
}

/** Run npm in `cwd`, as a student would; never rejects. */
function npm(args: readonly string[], cwd: string, timeout: number): Promise<execa.ExecaReturnValue> {
  return execa('npm', [...args], { cwd, env: studentEnv(), extendEnv: false, reject: false, all: true, timeout });
}

/** Why a command failed, with the end of its output. */
function failure(what: string, run: execa.ExecaReturnValue, hint = ''): Error {
  const how = run.timedOut ? 'was stopped at its time limit' : `exited with code ${run.exitCode}`;
  return new Error(`${what} ${how}${hint}\n${(run.all ?? '').slice(-3000)}`);
}

beforeAll(async () => {
  const exported = await npm(['run', 'export:student', '--', dir], REPO_ROOT, NPM_TEST_LIMIT_MS);
  if (exported.exitCode !== 0) throw failure('npm run export:student', exported);
  const ci = await npm(['ci', '--no-audit', '--no-fund', '--fetch-retries=1', '--fetch-timeout=60000'], dir, NPM_CI_LIMIT_MS);
  if (ci.exitCode !== 0) throw failure('npm ci in the exported repository', ci, ': it installs from the npm registry; is the registry reachable from here?');
  const outputFile = path.join(dir, 'jest-results.json');
  npmTest = await npm(['test', '--', '--json', `--outputFile=${outputFile}`], dir, NPM_TEST_LIMIT_MS);
  const parsed = fs.existsSync(outputFile) ? parseJestResults(fs.readFileSync(outputFile, 'utf8')) : undefined;
  if (!parsed) throw failure('npm test in the exported repository wrote no results:', npmTest);
  results = parsed;
}, SETUP_LIMIT_MS);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('an exported repository, after npm ci', () => {
  it('typechecks the stack in npm test, then runs every public test against stack/', () => {
    expect(npmTest.all).toContain('> tsc --noEmit -p tsconfig.json');
    const ran = results.testResults.map((file) => path.relative(dir, file.name)).sort();
    expect(ran).toEqual([...publicTests].sort());
  });

  it('fails npm test on the untouched starter: every public test, with "not implemented (mN: …)"', () => {
    expect(npmTest.exitCode).not.toBe(0);
    const tests = results.testResults.flatMap((file) => file.assertionResults);
    expect(tests.length).toBeGreaterThan(0);
    const unexplained = tests.filter((test) => test.status !== 'failed' || !/not implemented \(m\d+: /.test(test.failureMessages.join('\n')));
    expect(unexplained.map((test) => test.fullName)).toEqual([]);
    expect(tests.some((test) => test.failureMessages.join('\n').includes('not implemented (m1: '))).toBe(true);
  });

  it('names the seed and the pcap of a failure, and writes the pcap in the repository', () => {
    const message = results.testResults.flatMap((file) => file.assertionResults).flatMap((test) => test.failureMessages).find((text) => text.includes('pcap:')) ?? '';
    expect(message).toMatch(/seed: +\d+ +\(rerun just this: SOCKLAB_SEED=\d+ npx jest assignments\//);
    const pcap = /pcap: +(artifacts\/\S+\.pcap)/.exec(message)?.[1] ?? '(no pcap named)';
    expect(fs.existsSync(path.join(dir, pcap))).toBe(true);
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
