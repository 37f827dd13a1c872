/**
 * The `grader` command as an instructor or CI uses it: files written, exit codes, `validate`
 * rejecting a broken report, and the same seed giving the same report.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXIT } from '../cli';
import type { Report } from '../report';
import { ASSIGNMENTS, fixture, grader, readJson, scratchDir } from './helpers';

/** A report without what legitimately differs between two runs: timestamps and durations. */
function timeless(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(timeless);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'startedAt' && key !== 'durationMs')
      .map(([key, inner]) => [key, timeless(inner)]),
  );
}

describe('grader run', () => {
  const out = path.join(scratchDir(), 'report.json');
  let run: Awaited<ReturnType<typeof grader>>;

  beforeAll(async () => {
    run = await grader(['run', '--submission', fixture('good'), '--assignments', ASSIGNMENTS, '--out', out, '--format', 'json,gradescope,classroom,junit,tap,summary,html']);
  }, 60_000);

  it('exits 0, writes the report and every export next to it, and prints the summary', () => {
    expect(run.exitCode).toBe(EXIT.ok);
    expect(fs.readdirSync(path.dirname(out)).sort()).toEqual(['classroom.json', 'junit.xml', 'report.html', 'report.json', 'report.tap', 'results.json', 'summary.txt']);
    expect(run.stdout).toMatch(/^m0-fixture\s+10\/10\s+passed\s+3\s+0\s+0$/m);
  });

  it('validate accepts the report it wrote (exit 0)', async () => {
    const check = await grader(['validate', out]);
    expect(check.exitCode).toBe(EXIT.ok);
  });

  it('validate rejects a report edited to break the schema (exit 1), saying where', async () => {
    const report = readJson(out) as Record<string, unknown> & { milestones: Record<string, unknown>[] };
    delete report.score;
    report.milestones[0]!.status = 'excellent';
    const edited = path.join(scratchDir(), 'edited.json');
    fs.writeFileSync(edited, JSON.stringify(report));
    const check = await grader(['validate', edited]);
    expect(check.exitCode).toBe(EXIT.invalid);
    expect(check.stderr).toContain("(the report): must have required property 'score'");
    expect(check.stderr).toContain('/milestones/0/status: must be equal to one of the allowed values: passed, partial, failed, error, timeout, skipped');
  });

  it('export writes formats of an existing report', async () => {
    const dir = scratchDir();
    const exported = await grader(['export', out, '--format', 'junit,html', '--dir', dir]);
    expect(exported.exitCode).toBe(EXIT.ok);
    expect(fs.readFileSync(path.join(dir, 'junit.xml'), 'utf8')).toContain('<testsuite name="m0-fixture"');
    expect(fs.readFileSync(path.join(dir, 'report.html'), 'utf8')).toContain('<p class="score" id="score">10 / 10</p>');
  });
});

it('the same seed twice gives the same report but for timestamps and durations; the caller\'s SOCKLAB_SEED does not leak in', async () => {
  const dir = scratchDir();
  const args = (name: string): string[] => ['run', '--submission', fixture('throws-in-call'), '--assignments', ASSIGNMENTS, '--seed', '7', '--out', path.join(dir, name), '--format', 'json'];
  const [first, second] = await Promise.all([grader(args('first.json'), { SOCKLAB_SEED: '99' }), grader(args('second.json'))]);
  expect([first.exitCode, second.exitCode]).toEqual([EXIT.ok, EXIT.ok]);
  const [a, b] = [readJson(path.join(dir, 'first.json')) as Report, readJson(path.join(dir, 'second.json')) as Report];
  expect(a.seed).toBe(7);
  expect(a.milestones[0]?.tests[1]?.message).toContain('SOCKLAB_SEED=7');
  expect(timeless(a)).toEqual(timeless(b));
}, 60_000);

it('keeps each grading\'s evidence beside its own report: the pcaps a report names are under its folder, and another grading elsewhere leaves them alone', async () => {
  const [one, two] = [scratchDir(), scratchDir()];
  const args = (dir: string): string[] => ['run', '--submission', fixture('throws-in-call'), '--assignments', ASSIGNMENTS, '--out', path.join(dir, 'report.json'), '--format', 'json'];
  const [first, second] = await Promise.all([grader(args(one)), grader(args(two))]);
  expect([first.exitCode, second.exitCode]).toEqual([EXIT.ok, EXIT.ok]);
  for (const dir of [one, two]) {
    const named = (readJson(path.join(dir, 'report.json')) as Report).milestones.flatMap((m) => m.tests.flatMap((t) => t.artifacts));
    expect(named.length).toBeGreaterThan(0);
    for (const artifact of named) expect(fs.existsSync(path.join(dir, artifact))).toBe(true);
  }
}, 60_000);

describe('exit codes when grading itself cannot go on', () => {
  const out = (): string => path.join(scratchDir(), 'report.json');

  // Each case is a process of its own that stops before grading: run them side by side.
  it.concurrent.each([
    ['an unknown milestone', ['--milestones', 'm7-nothing']],
    ['an unknown format', ['--format', 'json,pdf']],
    ['a seed that is not an integer', ['--seed', 'one']],
    ['a submission folder that does not exist', ['--submission', '/nonexistent/socklab/submission']],
  ])('%s: exit 2, no report', async (_what, extra) => {
    const file = out();
    const run = await grader(['run', '--submission', fixture('good'), '--assignments', ASSIGNMENTS, '--out', file, ...extra]);
    expect(run.exitCode).toBe(EXIT.usage);
    expect(fs.existsSync(file)).toBe(false);
  });

  it.concurrent.each([
    ['under a file', 'file', 'results/report.json', 'is a file, not a folder'],
    ['that is a folder', 'folder', 'results', 'is a folder'],
  ] as const)('an --out %s: exit 2 before any grading, naming what is in the way', async (_what, results, out, problem) => {
    const dir = scratchDir();
    const inTheWay = path.join(dir, 'results');
    if (results === 'folder') fs.mkdirSync(inTheWay);
    else fs.writeFileSync(inTheWay, 'notes');
    const run = await grader(['run', '--submission', fixture('good'), '--assignments', ASSIGNMENTS, '--out', path.join(dir, out)]);
    expect(run.exitCode).toBe(EXIT.usage);
    expect(run.stderr).toContain(`cannot write the report to ${path.join(dir, out)}: ${inTheWay} ${problem}`);
    expect(run.stderr).not.toContain('passed (');
  });

  it.concurrent('assignments whose milestone.json is broken: exit 3, naming the file', async () => {
    const assignments = scratchDir();
    fs.mkdirSync(path.join(assignments, 'm1-bad'));
    fs.writeFileSync(path.join(assignments, 'm1-bad', 'milestone.json'), JSON.stringify({ id: 'm1-bad', title: 'x', points: 5, limits: { wallSeconds: 1, memoryMb: 64 }, tests: [] }));
    const run = await grader(['run', '--submission', fixture('good'), '--assignments', assignments, '--out', out()]);
    expect(run.exitCode).toBe(EXIT.failed);
    expect(run.stderr).toContain('milestone.json: tests add up to 0 points, not 5');
  });

  it.concurrent('assignments without any milestone: exit 3', async () => {
    const run = await grader(['run', '--submission', fixture('good'), '--assignments', scratchDir(), '--out', out()]);
    expect(run.exitCode).toBe(EXIT.failed);
    expect(run.stderr).toContain('no milestone under');
  });
});
