/**
 * `grader gradescope-bundle`: the zip unpacked into an emulated Gradescope layout (AUTOGRADER_ROOT
 * in place of /autograder, the repository's packages in place of setup.sh's `npm ci`), and
 * run_autograder run on real submissions: the reference, the starter, and a stack that exits while
 * loading. Each must leave a results.json in Gradescope's documented format with the right score.
 */
import AdmZip from 'adm-zip';
import execa from 'execa';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hasShellcheck, SHELLCHECK_MISSING } from '../../harness/testing/shellcheck';
import { bundledFiles, writeGradescopeBundle } from '../gradescope/bundle';
import { readJson, schemaChecker } from '../schema-check';

const ROOT = path.resolve(__dirname, '..', '..');
const MILESTONE = 'm1-udp';
const checkResults = schemaChecker(readJson(path.join(ROOT, 'grader', 'schema', 'gradescope-results.schema.json')) as object);

interface Results {
  readonly score: number;
  readonly tests: readonly { readonly score: number; readonly max_score: number; readonly status: string; readonly output?: string }[];
}

let work: string;
let zipFile: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'socklab-gradescope-'));
  zipFile = path.join(work, 'autograder.zip');
  writeGradescopeBundle(zipFile, [MILESTONE]);
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** An emulated /autograder holding the bundle and `submission` (a folder to copy); returns its root. */
function autograderWith(name: string, submission: string): string {
  const root = path.join(work, name);
  const source = path.join(root, 'source');
  new AdmZip(zipFile).extractAllTo(source, true, true);
  // What setup.sh's `npm ci` would install. Hard links: a symbolic link would put the packages outside the source folder.
  execa.sync('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(source, 'node_modules')]);
  fs.cpSync(submission, path.join(root, 'submission'), { recursive: true, filter: (file) => !file.endsWith(`${path.sep}tests`) });
  return root;
}

/** Run the bundle's run_autograder as Gradescope does (working directory /autograder); its results.json. */
function runAutograder(root: string): Results {
  const run = execa.sync(path.join(root, 'source', 'run_autograder'), { cwd: root, env: { AUTOGRADER_ROOT: root }, reject: false });
  expect({ exitCode: run.exitCode, tail: run.exitCode === 0 ? '' : `${run.stdout}${run.stderr}`.slice(-2000) }).toEqual({ exitCode: 0, tail: '' });
  const results = readJson(path.join(root, 'results', 'results.json'));
  expect(checkResults(results)).toEqual([]);
  return results as Results;
}

function sumOfTests(results: Results): number {
  return Math.round(results.tests.reduce((sum, test) => sum + test.score, 0) * 1e6) / 1e6;
}

describe('the Gradescope bundle', () => {
  it('holds the two scripts at its root, executable, the milestones it grades, and the hidden tests, but none of the framework\'s own tests', () => {
    const zip = new AdmZip(zipFile);
    const mode = (name: string): number => ((zip.getEntry(name)?.header.attr ?? 0) >>> 16) & 0o777;
    expect([mode('setup.sh'), mode('run_autograder')]).toEqual([0o755, 0o755]);
    expect(zip.readAsText('socklab-milestones')).toBe(`${MILESTONE}\n`);
    const names = zip.getEntries().map((entry) => entry.entryName);
    expect(names).toContain(`assignments/${MILESTONE}/tests/hidden/bind.test.ts`);
    expect(names.filter((name) => /^(grader|harness|reference)\/(.*\/)?tests\//.test(name))).toEqual([]);
    expect(names.filter((name) => name.startsWith('node_modules/'))).toEqual([]);
    expect(bundledFiles().every((file) => names.includes(file))).toBe(true);
  });

  (hasShellcheck() ? it : it.skip)(hasShellcheck() ? 'has shell scripts that shellcheck passes' : `has shell scripts that shellcheck passes (skipped: ${SHELLCHECK_MISSING})`, () => {
    const scripts = ['setup.sh', 'run_autograder'].map((script) => path.join(ROOT, 'grader', 'gradescope', script));
    const run = execa.sync('shellcheck', scripts, { reject: false });
    expect({ exitCode: run.exitCode, findings: `${run.stdout}${run.stderr}` }).toEqual({ exitCode: 0, findings: '' });
  });

  it('grades the reference: full marks, every test passed, the score the sum of the tests', () => {
    const results = runAutograder(autograderWith('reference', path.join(ROOT, 'reference')));
    expect(results.score).toBe(15);
    expect(sumOfTests(results)).toBe(15);
    expect(results.tests.filter((test) => test.status !== 'passed')).toEqual([]);
  });

  it('grades the starter: no points, every test failed, in a valid results.json', () => {
    const results = runAutograder(autograderWith('starter', path.join(ROOT, 'starter')));
    expect(results.score).toBe(0);
    expect(results.tests.length).toBeGreaterThan(0);
    expect(results.tests.filter((test) => test.status !== 'failed')).toEqual([]);
  });

  it('grades a stack that exits while it loads: no points, in a valid results.json', () => {
    const crashing = path.join(work, 'crashing-stack');
    fs.cpSync(path.join(ROOT, 'starter'), crashing, { recursive: true });
    fs.appendFileSync(path.join(crashing, 'index.ts'), '\nprocess.exit(7);\n');
    const results = runAutograder(autograderWith('crashing', crashing));
    expect(results.score).toBe(0);
    expect(results.tests.filter((test) => test.status !== 'failed')).toEqual([]);
    expect(results.tests.find((test) => test.output?.includes('exited the process (code 7) while loading'))).toBeDefined();
  });

  it('still writes a results.json, with no points, when grading itself fails', () => {
    const root = autograderWith('broken', path.join(ROOT, 'starter'));
    fs.writeFileSync(path.join(root, 'source', 'socklab-milestones'), 'no-such-milestone\n');
    const results = runAutograder(root);
    expect(results.score).toBe(0);
    expect(results.tests).toEqual([]);
  });
});
