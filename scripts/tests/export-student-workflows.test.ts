/**
 * The student repository's workflows: each passes GitHub's workflow schema (@action-validator/cli,
 * which fails a misspelled key), and the autograding one is what GitHub Classroom and its grading
 * reporter need. The steps' scripts run for real in export-student-npm.test.ts (the public tests
 * only) and export-student-grade.test.ts (the course's grader).
 */
import execa from 'execa';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../starter/files';
import { AUTOGRADING_WORKFLOW, classroomWorkflow, GRADE_SCRIPT, GRADER_REF_VARIABLE, GRADER_REPO_VARIABLE, GRADER_TOKEN_SECRET, PUBLIC_TESTS_SCRIPT, RESULT_SCRIPT, testWorkflow } from '../export-student/workflows';

const VALIDATOR = path.join(REPO_ROOT, 'node_modules', '.bin', 'action-validator');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'socklab-workflows-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Run the validator on `text`, written as `name` (its name tells it a workflow from an action). */
function validate(name: string, text: string): Promise<execa.ExecaReturnValue> {
  const file = path.join(fs.mkdtempSync(path.join(scratch, 'x-')), path.basename(name));
  fs.writeFileSync(file, text);
  return execa(VALIDATOR, [file], { reject: false, all: true });
}

const [classroomFile, classroom] = classroomWorkflow();
const [testFile, test] = testWorkflow();

describe.each([
  [classroomFile, classroom],
  [testFile, test],
])('%s', (file, text) => {
  it('passes the workflow schema', async () => {
    const run = await validate(file, text);
    expect({ exitCode: run.exitCode, output: run.all }).toEqual({ exitCode: 0, output: '' });
  });

  it('would fail it with a misspelled key', async () => {
    const run = await validate(file, text.replace('runs-on:', 'runs-onn:'));
    expect(run.exitCode).toBe(1);
    expect(run.all).toContain("Additional property 'runs-onn' is not allowed");
  });
});

describe('the autograding workflow', () => {
  it('is named, triggered and permitted as GitHub Classroom’s own, with its one job', () => {
    expect(classroomFile).toBe('.github/workflows/classroom.yml');
    expect(classroom).toMatch(new RegExp(`^name: ${AUTOGRADING_WORKFLOW}\non:\n  push:\n  workflow_dispatch:\n  repository_dispatch:\npermissions:\n  checks: write\n  actions: read\n  contents: read\njobs:\n  run-autograding-tests:\n`, 'm'));
    const jobs = classroom.slice(classroom.indexOf('\njobs:\n'));
    expect(jobs.match(/^ {2}\S.*$/gm)).toEqual(['  run-autograding-tests:']);
  });

  it('grades with the course’s grader only when both its token and its repository are set', () => {
    expect(classroom).toContain(`HAS_GRADER: \${{ secrets.${GRADER_TOKEN_SECRET} != '' && vars.${GRADER_REPO_VARIABLE} != '' }}`);
    const checkout = /- name: Check out the course's grader\n(?: {8}.*\n)+/.exec(classroom)?.[0] ?? '(no checkout of the grader)';
    for (const line of [
      "if: env.HAS_GRADER == 'true'",
      `repository: \${{ vars.${GRADER_REPO_VARIABLE} }}`,
      `ref: \${{ vars.${GRADER_REF_VARIABLE} }}`,
      `token: \${{ secrets.${GRADER_TOKEN_SECRET} }}`,
      'path: .socklab-grader',
      'persist-credentials: false',
    ]) {
      expect(checkout).toContain(line);
    }
    // The token goes to the checkout only: no script sees it.
    expect(classroom.split(`secrets.${GRADER_TOKEN_SECRET}`)).toHaveLength(3);
  });

  it('moves the grader out of the workspace before it grades the workspace, and runs the public tests otherwise', () => {
    const steps = classroom.slice(classroom.indexOf('    steps:'));
    const order = ['mv .socklab-grader "$RUNNER_TEMP/socklab-grader"', GRADE_SCRIPT, PUBLIC_TESTS_SCRIPT.split('\n')[1] ?? '', RESULT_SCRIPT];
    const at = order.map((line) => steps.indexOf(line));
    expect(at.every((index) => index > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(GRADE_SCRIPT).toContain('--submission "$GITHUB_WORKSPACE" --format classroom,summary --out "$RUNNER_TEMP/');
  });

  it('hands the socklab step’s result to the grading reporter', () => {
    expect(classroom).toContain(
      '      - name: socklab\n        id: socklab\n' +
        `        run: ${RESULT_SCRIPT}\n` +
        '      - name: Autograding Reporter\n        uses: classroom-resources/autograding-grading-reporter@v1\n' +
        '        env:\n          SOCKLAB_RESULTS: ${{ steps.socklab.outputs.result }}\n        with:\n          runners: socklab\n',
    );
  });
});

describe('the test workflow', () => {
  it('runs after a failed autograding run, on its commit, and keeps the pcaps', () => {
    expect(testFile).toBe('.github/workflows/test.yml');
    expect(test).toContain(`on:\n  workflow_run:\n    workflows: [${AUTOGRADING_WORKFLOW}]\n    types: [completed]\n`);
    for (const line of ["if: github.event.workflow_run.conclusion == 'failure'", 'ref: ${{ github.event.workflow_run.head_sha }}', 'run: npm ci', 'run: npm test', 'name: pcaps']) expect(test).toContain(line);
  });
});
