/**
 * The student repository's GitHub Actions workflows. `classroom.yml` is GitHub Classroom's
 * autograding: on every push, the course's grader (checked out from the instructor's private
 * repository with a token) grades stack/ with the public and hidden tests, or, where no token is
 * configured, the public tests alone give the points; either way the result goes to Classroom
 * through its grading reporter. `test.yml` runs the public tests again after a failed autograding
 * run, to keep the pcaps of the failing tests.
 */

/** The secret holding a read-only token to the instructor's socklab repository. */
export const GRADER_TOKEN_SECRET = 'SOCKLAB_GRADER_TOKEN';
/** The variable naming that repository, `owner/name`. */
export const GRADER_REPO_VARIABLE = 'SOCKLAB_GRADER_REPO';
/** The variable naming the branch, tag or commit of it to grade with (default: its default branch). */
export const GRADER_REF_VARIABLE = 'SOCKLAB_GRADER_REF';

/**
 * The autograding workflow's name and its one job's id: the grading reporter finds Classroom's
 * check run by these, and a workflow named otherwise has its points ignored.
 */
export const AUTOGRADING_WORKFLOW = 'Autograding Tests';
const AUTOGRADING_JOB = 'run-autograding-tests';

/** Where the grader's checkout is moved: out of the workspace, which is the graded repository. */
const GRADER_DIR = '$RUNNER_TEMP/socklab-grader';
/** The runner result both ways of grading write, which the `socklab` step hands to the reporter. */
const RESULT_FILE = '$RUNNER_TEMP/grading/classroom.json';

/** The course's grader, installed at GRADER_DIR, grading the student's repository (its stack/, with the grader's own tests). */
export const GRADE_SCRIPT = `node "${GRADER_DIR}/grader/bin/grader.js" run --submission "$GITHUB_WORKSPACE" --format classroom,summary --out "$RUNNER_TEMP/grading/report.json"`;

/**
 * The public tests alone, after `npm ci`, and their runner result (harness/jest-run/classroom-public.ts),
 * run by the repository's own loader of TypeScript (harness/typescript/register.js).
 */
export const PUBLIC_TESTS_SCRIPT = `# Failing tests are what the points count, not a failure of this step.
npm test -- --json --testLocationInResults --outputFile="$RUNNER_TEMP/jest-results.json" || true
node -r ./harness/typescript/register.js harness/jest-run/classroom-public.ts "$RUNNER_TEMP/jest-results.json" "${RESULT_FILE}"`;

/** Hands the runner result to the reporter as the `socklab` step's output. */
export const RESULT_SCRIPT = `echo "result=$(base64 -w0 "${RESULT_FILE}")" >> "$GITHUB_OUTPUT"`;

/** `script` as the value of a step's `run:` at `indent` spaces. */
function run(script: string, indent: number): string {
  if (!script.includes('\n')) return script;
  return `|\n${script
    .split('\n')
    .map((line) => `${' '.repeat(indent)}${line}`)
    .join('\n')}`;
}

/** `.github/workflows/classroom.yml`: GitHub Classroom's autograding. */
export function classroomWorkflow(): [string, string] {
  const graderSet = "env.HAS_GRADER == 'true'";
  const graderUnset = "env.HAS_GRADER != 'true'";
  return [
    '.github/workflows/classroom.yml',
    `# GitHub Classroom's autograding: the points of each push. With the course's grader configured
# (the secret ${GRADER_TOKEN_SECRET} and the variable ${GRADER_REPO_VARIABLE}, which your instructor
# sets), it grades stack/ with the public and the hidden tests; without, the public tests alone
# count, one point each. Classroom reads the points only from a workflow and job named as here.
name: ${AUTOGRADING_WORKFLOW}
on:
  push:
  workflow_dispatch:
  repository_dispatch:
permissions:
  checks: write
  actions: read
  contents: read
jobs:
  ${AUTOGRADING_JOB}:
    runs-on: ubuntu-latest
    # Not the commit that creates the repository.
    if: github.actor != 'github-classroom[bot]'
    env:
      # A secret cannot be tested in \`if:\`; whether it is set can.
      HAS_GRADER: \${{ secrets.${GRADER_TOKEN_SECRET} != '' && vars.${GRADER_REPO_VARIABLE} != '' }}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      # actions/checkout writes only inside the workspace, which is the repository graded: the
      # grader's checkout is moved out of it before anything runs.
      - name: Check out the course's grader
        if: ${graderSet}
        uses: actions/checkout@v4
        with:
          repository: \${{ vars.${GRADER_REPO_VARIABLE} }}
          ref: \${{ vars.${GRADER_REF_VARIABLE} }}
          token: \${{ secrets.${GRADER_TOKEN_SECRET} }}
          path: .socklab-grader
          # The token is not left in the checkout, where the graded code runs.
          persist-credentials: false
      - name: Install the course's grader
        if: ${graderSet}
        run: ${run(`mv .socklab-grader "${GRADER_DIR}"\ncd "${GRADER_DIR}" && npm ci --no-audit --no-fund`, 10)}
      - name: Grade stack/ with the public and the hidden tests
        if: ${graderSet}
        run: ${run(GRADE_SCRIPT, 10)}
      - name: Install
        if: ${graderUnset}
        run: npm ci --no-audit --no-fund
      - name: Run the public tests only (the course's grader is not configured here)
        if: ${graderUnset}
        run: ${run(PUBLIC_TESTS_SCRIPT, 10)}
      - name: socklab
        id: socklab
        run: ${run(RESULT_SCRIPT, 10)}
      - name: Autograding Reporter
        uses: classroom-resources/autograding-grading-reporter@v1
        env:
          SOCKLAB_RESULTS: \${{ steps.socklab.outputs.result }}
        with:
          runners: socklab
`,
  ];
}

/** `.github/workflows/test.yml`: the public tests after a failed autograding run; a failing run keeps its pcaps. */
export function testWorkflow(): [string, string] {
  return [
    '.github/workflows/test.yml',
    `# After an autograding run that failed, the public tests again, keeping the pcaps of the failing
# ones as the run's \`pcaps\` artifact. After it rather than beside it: Classroom takes the status of
# whichever workflow of a push finishes first.
name: test
on:
  workflow_run:
    workflows: [${AUTOGRADING_WORKFLOW}]
    types: [completed]
permissions:
  contents: read
jobs:
  test:
    if: github.event.workflow_run.conclusion == 'failure'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.workflow_run.head_sha }}
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npm test
      - uses: actions/upload-artifact@v4
        if: failure()
        with:
          name: pcaps
          path: artifacts/
          if-no-files-found: ignore
`,
  ];
}
