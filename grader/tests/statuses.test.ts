/**
 * Honest reports whatever a submission does: each fixture submission is graded against the
 * fixture milestone, and its report must be schema-valid, with the right status and reason.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { grade } from '../grade';
import type { MilestoneReport, Report } from '../report';
import { reportProblems } from '../validate-report';
import { ASSIGNMENTS, FIXTURE_NAMES, fixture, gradeFixture, scratchDir, type FixtureName } from './helpers';

const reports = new Map<FixtureName, Report>();

beforeAll(async () => {
  // Each grading runs jest in a child process: run them side by side.
  const graded = await Promise.all(FIXTURE_NAMES.map(async (name) => [name, await gradeFixture(name)] as const));
  for (const [name, report] of graded) reports.set(name, report);
}, 60_000);

function milestoneOf(name: FixtureName): MilestoneReport {
  const milestone = reports.get(name)?.milestones[0];
  if (!milestone) throw new Error(`no report for ${name}`);
  return milestone;
}

describe('grading the fixture submissions', () => {
  it.each(FIXTURE_NAMES)('%s: the report is schema-valid', (name) => {
    expect(reportProblems(reports.get(name))).toEqual([]);
  });

  it('a working stack gets full points', () => {
    const m = milestoneOf('good');
    expect({ status: m.status, score: m.score, maxScore: m.maxScore, reason: m.reason }).toEqual({ status: 'passed', score: 10, maxScore: 10, reason: undefined });
    expect(m.tests.map((t) => t.status)).toEqual(['passed', 'passed', 'passed']);
    expect(reports.get('good')?.score).toBe(10);
  });

  it('createKernel throwing: failed, with the error as the shared cause', () => {
    const m = milestoneOf('throws-in-create');
    expect(m.status).toBe('failed');
    expect(m.score).toBe(0);
    expect(m.reason).toMatch(/^every test failed: .*this stack refuses to start/);
  });

  it('a stack throwing inside a test: partial, the failing tests name the error and keep their pcap', () => {
    const m = milestoneOf('throws-in-call');
    // The whole report on a mismatch: its reason and log say why a grading went wrong.
    expect(m).toMatchObject({ status: 'partial', score: 2 });
    const failing = m.tests.filter((t) => t.status === 'failed');
    expect(failing).toHaveLength(2);
    for (const test of failing) {
      expect(test.message).toContain('sendto exploded');
      expect(test.artifacts).toEqual([expect.stringMatching(/^artifacts\/.+\.pcapng$/)]);
    }
    // The report is the instructors' view: the hidden test keeps its message.
    expect(m.tests.find((t) => t.visibility === 'hidden')?.message).toContain('sendto exploded');
  });

  it('a stack looping forever in a call: the call is ended, the tests that make it fail, the others keep their points', () => {
    const m = milestoneOf('loops');
    expect(m).toMatchObject({ status: 'partial', score: 2 });
    const looping = m.tests.filter((t) => t.status === 'failed');
    expect(looping).toHaveLength(2);
    // Within its CPU-time limit where the system tells the stack's CPU time, else its wall-clock limit.
    for (const test of looping) expect(test.message).toMatch(/did not return from tick\(\) within \d+ ms( of CPU time)? \(infinite loop\?\)/);
  });

  it('process.exit() from the submission ends only its own process: failed, saying so', () => {
    const m = milestoneOf('exits');
    expect(m.status).toBe('failed');
    expect(m.reason).toMatch(/the stack under test exited the process \(code 0\)/);
    expect(m.score).toBe(0);
  });

  it('a fake report printed on stdout changes nothing: failed, 0 points', () => {
    const m = milestoneOf('fake-report');
    expect(m).toMatchObject({ status: 'failed', score: 0 });
    expect(m.reason).toContain('not implemented');
  });

  it('a syntax error: error, with the file, line and column, and no test run', () => {
    const m = milestoneOf('compile-error');
    expect(m.status).toBe('error');
    expect(m.reason).toMatch(/^the submission does not compile:\nindex\.ts:5:34 /);
    expect(m.tests.every((t) => t.status === 'error')).toBe(true);
  });

  it('every report records the seed and a content hash of the submission', () => {
    for (const report of reports.values()) {
      expect(report.seed).toBe(1);
      expect(report.submission.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
    expect(reports.get('good')?.submission.contentHash).not.toBe(reports.get('loops')?.submission.contentHash);
  });
});

describe('when there is nothing to run', () => {
  it('a folder without index.ts: error, saying what is missing', async () => {
    const report = await grade({ submission: scratchDir(), assignmentsDir: ASSIGNMENTS });
    expect(reportProblems(report)).toEqual([]);
    expect(report.milestones[0]?.status).toBe('error');
    expect(report.milestones[0]?.reason).toMatch(/^the submission has no index\.ts/);
  });

  it('a milestone without test files: skipped, its tests did not run', async () => {
    const assignments = scratchDir();
    fs.mkdirSync(path.join(assignments, 'm1-empty'));
    const milestone = { id: 'm1-empty', title: 'Empty', points: 1, limits: { wallSeconds: 5, memoryMb: 64 }, tests: [{ file: 'public/a.test.ts', name: 'a', points: 1, category: 'a' }] };
    fs.writeFileSync(path.join(assignments, 'm1-empty', 'milestone.json'), JSON.stringify(milestone));
    const report = await grade({ submission: fixture('good'), assignmentsDir: assignments });
    expect(reportProblems(report)).toEqual([]);
    expect(report.milestones[0]).toMatchObject({ status: 'skipped', score: 0, maxScore: 1, reason: `no test files under ${path.join('m1-empty', 'tests')}` });
    expect(report.milestones[0]?.tests[0]?.message).toMatch(/^did not run/);
  });
});
