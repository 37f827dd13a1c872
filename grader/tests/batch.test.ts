/**
 * `grader batch` on a class of 30 (tests/batch/fixture-class.ts): killed twice with SIGKILL at
 * moments drawn from the run's seed, and started again each time, it ends with every submission
 * graded exactly once (a grading finished before a kill is never redone), each report the same as
 * the submission graded alone with the same seed, the class summary and overview over all 30, and
 * nothing of the killed runs left running or left on disk. That it is faster than grading one at a
 * time is measured by `npm run bench -- batch`, not asserted here.
 */
import execa from 'execa';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { submissionDir } from '../../harness/loader';
import { Rng, runSeed } from '../../harness/sim/rng';
import { ERROR_FILE, REPORT_FILE } from '../batch/run-batch';
import { grade } from '../grade';
import { processAlive } from '../process-group';
import type { Report } from '../report';
import { readReport } from '../report-file';
import { stagedCopyOwner } from '../submission';
import { writeFixtureClass, KINDS, type ClassMember } from './batch/fixture-class';
import { ASSIGNMENTS, scratchDir } from './helpers';

const BIN = path.join(__dirname, '..', 'bin', 'grader.js');
const ROOT = path.resolve(__dirname, '..', '..');
const CLASS_SIZE = 30;
const seed = runSeed();
const rng = new Rng(seed);

let scratch: string;
let classDir: string;
let outDir: string;
let members: ClassMember[];

beforeAll(() => {
  scratch = scratchDir('socklab-batch-test-');
  classDir = path.join(scratch, 'class');
  outDir = path.join(scratch, 'graded');
  members = writeFixtureClass(classDir, CLASS_SIZE);
  // Not submissions: a stray file, and a hidden folder.
  fs.writeFileSync(path.join(classDir, 'notes.txt'), 'late: student-03\n');
  fs.mkdirSync(path.join(classDir, '.git'));
});

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function startBatch(): execa.ExecaChildProcess {
  return execa(process.execPath, [BIN, 'batch', classDir, '--out', outDir, '--assignments', ASSIGNMENTS, '--seed', String(seed), '--format', 'json,summary', '--no-progress'], { reject: false });
}

/** The submissions with a finished folder, and when each was graded. */
function finished(): Map<string, string> {
  const done = new Map<string, string>();
  for (const { name } of members) {
    const dir = path.join(outDir, name);
    if (!fs.existsSync(dir)) continue;
    const read = readReport(path.join(dir, REPORT_FILE));
    done.set(name, read.ok ? read.report.startedAt : fs.readFileSync(path.join(dir, ERROR_FILE), 'utf8'));
  }
  return done;
}

/** Start a batch, and SIGKILL it a random moment after more than `after` submissions are finished. */
async function killBatchOnceMoreThan(after: number): Promise<void> {
  const batch = startBatch();
  const waitMs = Math.floor(rng.next() * 1500);
  for (;;) {
    if (batch.exitCode !== null) throw new Error(`the batch ended before it could be killed (seed ${seed}): ${(await batch).stderr}`);
    if (finished().size > after) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  batch.kill('SIGKILL');
  await batch;
}

/** The processes whose environment names the batch's folder: the gradings' jest runs. */
function processesOf(folder: string): number[] {
  const pids: number[] = [];
  for (const pid of fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/environ`, 'utf8').includes(folder)) pids.push(Number(pid));
    } catch {
      // Gone since the listing, or not ours to read.
    }
  }
  return pids;
}

/** Staged copies (submission.ts) whose grader is gone: those the killed batches left must have been removed. */
function stagedCopiesOfDeadGraders(): string[] {
  return fs.readdirSync(ROOT).filter((name) => {
    const owner = stagedCopyOwner(name);
    return owner !== undefined && !processAlive(owner);
  });
}

/** A report with what differs between two gradings of the same stack removed: times, and where the copy was. */
function comparable(report: Report, submissionPath: string): unknown {
  const timeless = {
    ...report,
    submission: { ...report.submission, name: '', path: '' },
    startedAt: '',
    durationMs: 0,
    milestones: report.milestones.map((milestone) => ({ ...milestone, durationMs: 0, tests: milestone.tests.map((test) => ({ ...test, durationMs: 0 })) })),
  };
  return JSON.parse(JSON.stringify(timeless).split(submissionPath).join('<submission>'));
}

describe('grader batch', () => {
  it(`grades a class of ${CLASS_SIZE} killed twice with SIGKILL and restarted: each submission once, each as if graded alone`, async () => {
    await killBatchOnceMoreThan(0);
    const beforeSecondKill = finished();
    await killBatchOnceMoreThan(beforeSecondKill.size);
    const beforeLastRun = finished();
    expect(beforeLastRun.size).toBeLessThan(CLASS_SIZE);

    const last = await startBatch();
    expect({ exitCode: last.exitCode, stderr: last.stderr }).toEqual({ exitCode: 0, stderr: expect.stringContaining(`${CLASS_SIZE} of ${CLASS_SIZE} submissions graded`) as unknown });
    expect(last.stderr).toContain('ignored notes.txt: not a folder or a zip file');

    // Every grading finished before a kill was kept, not redone.
    const done = finished();
    expect(done.size).toBe(CLASS_SIZE);
    for (const [name, gradedAt] of beforeLastRun) expect({ name, gradedAt: done.get(name) }).toEqual({ name, gradedAt });
    // Nothing of the killed runs is left: no work folder, no process.
    expect(fs.readdirSync(outDir).filter((entry) => entry.startsWith('.'))).toEqual([]);
    expect(processesOf(outDir)).toEqual([]);
    expect(stagedCopiesOfDeadGraders()).toEqual([]);

    // Each report is what grading the submission alone gives (one of each kind is graded alone).
    for (const kind of KINDS) {
      const ofKind = members.filter((member) => member.kind === kind);
      const alone = await gradeAlone(ofKind[0]!);
      for (const member of ofKind) {
        const batched = readReport(path.join(outDir, member.name, REPORT_FILE));
        if (!batched.ok) throw new Error(`${member.name}: ${batched.problems.join('; ')}`);
        expect({ member: member.name, report: comparable(batched.report, batched.report.submission.path) }).toEqual({ member: member.name, report: alone });
      }
    }

    const csv = fs.readFileSync(path.join(outDir, 'class.csv'), 'utf8').trimEnd().split('\r\n');
    expect(csv[0]).toBe('submission,status,score,max_score,m0-fixture,reason');
    expect(csv.slice(1).map((row) => row.split(',')[0])).toEqual(members.map((member) => member.name));
    expect(csv.find((row) => row.startsWith('student-02-reference,'))).toMatch(/^student-02-reference,passed,10,10,10,$/);
    expect(fs.readFileSync(path.join(outDir, 'class.html'), 'utf8')).toContain('student-02-reference');
  }, 300_000);
});

describe('grader batch run again', () => {
  it('grades nothing already graded, and everything again with --regrade; a zip it refuses is an error row', async () => {
    const small = path.join(scratch, 'small');
    const out = path.join(scratch, 'small-graded');
    fs.mkdirSync(small);
    fs.cpSync(submissionDir('reference'), path.join(small, 'alice'), { recursive: true });
    fs.writeFileSync(path.join(small, 'mallory.zip'), 'not a zip');
    const run = (...extra: string[]) => execa(process.execPath, [BIN, 'batch', small, '--out', out, '--assignments', ASSIGNMENTS, '--no-progress', ...extra], { reject: false });
    const gradedAt = () => (readReport(path.join(out, 'alice', REPORT_FILE)) as { report: Report }).report.startedAt;
    expect((await run()).exitCode).toBe(0);
    const first = gradedAt();
    const csv = fs.readFileSync(path.join(out, 'class.csv'), 'utf8').split('\r\n');
    expect(csv[2]).toMatch(/^mallory,error,,,,mallory\.zip is not a readable zip file: /);
    expect(fs.readFileSync(path.join(out, 'mallory', ERROR_FILE), 'utf8')).toMatch(/^mallory\.zip is not a readable zip file: /);
    const again = await run();
    expect({ exitCode: again.exitCode, gradedAt: gradedAt() }).toEqual({ exitCode: 0, gradedAt: first });
    expect(again.stderr).toContain('0 submissions to grade\n2 already graded');
    expect((await run('--regrade')).exitCode).toBe(0);
    expect(gradedAt()).not.toBe(first);
    // class.html links every submission to its HTML report: a batch always writes it.
    expect(fs.existsSync(path.join(out, 'alice', 'report.html'))).toBe(true);
  }, 60_000);
});

/** The comparable report of `member` graded alone: a zip from the folder the batch unpacked it to. */
async function gradeAlone(member: ClassMember): Promise<unknown> {
  const submission = member.kind.endsWith('-zip') ? readZipSource(member) : path.join(classDir, member.name);
  const report = await grade({ submission, assignmentsDir: ASSIGNMENTS, seed, evidenceDir: path.join(scratch, 'alone', member.name) });
  return comparable(report, report.submission.path);
}

function readZipSource(member: ClassMember): string {
  const read = readReport(path.join(outDir, member.name, REPORT_FILE));
  if (!read.ok) throw new Error(`${member.name} has no report`);
  return read.report.submission.path;
}
