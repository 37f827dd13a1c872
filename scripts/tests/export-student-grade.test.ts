/**
 * Grading a student repository back: export one, paste the reference's solution over its stack/
 * (as a student who finished every milestone would have it), and the autograding workflow's
 * grading step (`grader run --submission <repository>` from the grader's checkout in the runner's
 * temporary folder) gives full points on every milestone, and hands them to the grading reporter.
 * The repository's own copies of the harness and the tests are broken on purpose first: the grader
 * must use its own, and only stack/.
 */
import type execa from 'execa';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listMilestones } from '../../grader/milestone';
import type { Report } from '../../grader/report';
import { contentHash } from '../../grader/submission';
import { exportStudent } from '../export-student/export';
import { GRADE_SCRIPT, RESULT_SCRIPT } from '../export-student/workflows';
import { REFERENCE_DIR, REPO_ROOT } from '../starter/files';
import { reportedResult, runStep, type JobFolders } from './workflow-step';

/** Grading every milestone of the reference takes some 20 s per milestone. */
const GRADE_LIMIT_MS = 10 * 60_000;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'socklab-export-grade-'));
const repo = path.join(scratch, 'alice');
const job: JobFolders = { workspace: repo, temp: path.join(scratch, 'runner-temp') };
let grader: execa.ExecaReturnValue;
let report: Report;

beforeAll(async () => {
  exportStudent(repo);
  // The finished stack: the reference's files over the starter's (its own tests left out).
  fs.cpSync(REFERENCE_DIR, path.join(repo, 'stack'), { recursive: true, filter: (source) => path.basename(source) !== 'tests' });
  // A repository whose harness and tests cannot run: grading must not touch them.
  const contract = path.join(repo, 'harness', 'contract', 'index.ts');
  fs.chmodSync(contract, 0o644);
  fs.writeFileSync(contract, "throw new Error('the student repository’s harness was loaded');\n");
  fs.rmSync(path.join(repo, 'assignments'), { recursive: true });

  // This repository stands for the grader's checkout, where the workflow's install step moves it.
  fs.mkdirSync(job.temp);
  fs.symlinkSync(REPO_ROOT, path.join(job.temp, 'socklab-grader'));
  grader = await runStep(`${GRADE_SCRIPT}\n${RESULT_SCRIPT}`, job, GRADE_LIMIT_MS);
  if (grader.exitCode !== 0) throw new Error(`the grading step exited with code ${grader.exitCode}:\n${(grader.all ?? '').slice(-3000)}`);
  report = JSON.parse(fs.readFileSync(path.join(job.temp, 'grading', 'report.json'), 'utf8')) as Report;
}, GRADE_LIMIT_MS + 60_000);

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('grader run --submission <student repository>', () => {
  it('gives the reference’s solution, pasted into stack/, full points on every milestone', () => {
    expect(report.milestones.map((m) => m.id)).toEqual(listMilestones());
    for (const milestone of report.milestones) {
      expect({ id: milestone.id, score: milestone.score, status: milestone.status }).toEqual({ id: milestone.id, score: milestone.maxScore, status: 'passed' });
    }
  });

  it('grades stack/ (a copy of it, beside its own harness) and names it by its own folder', () => {
    expect(report.submission.name).toBe(repo);
    expect(report.submission.path).toBe(path.join(repo, 'stack'));
    expect(report.submission.contentHash).toBe(contentHash(path.join(repo, 'stack')));
    expect(report.submission.refused).toEqual([]);
  });

  it('hands the grading reporter those points, and prints the summary in the log', () => {
    const result = reportedResult(job);
    expect(result).toMatchObject({ version: 1, status: 'pass', max_score: report.maxScore });
    expect(result?.tests.reduce((sum, test) => sum + test.score, 0)).toBe(report.maxScore);
    expect(grader.stdout).toContain(`${report.score}/${report.maxScore}`);
  });
});
