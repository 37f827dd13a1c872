/**
 * The parts of `grader batch` that need no grading: reading a class folder, unpacking a zipped
 * submission safely, the output folder's lock, and the class summary's CSV.
 */
import AdmZip from 'adm-zip';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BatchFolder } from '../batch/batch-folder';
import { readClassFolder } from '../batch/class-folder';
import { classCsv } from '../batch/class-summary';
import { runBatch } from '../batch/run-batch';
import { MAX_UNZIPPED_BYTES, unzipSubmission } from '../batch/unzip-submission';
import { UsageError } from '../errors';
import { SAMPLE_REPORT } from './sample-report';
import { ASSIGNMENTS, scratchDir } from './helpers';

let scratch: string;
beforeEach(() => {
  scratch = scratchDir('socklab-batch-parts-');
});
afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A zip of `entries` (name → text), written raw so that names no archiver would write can be tried. */
function zipOf(entries: Record<string, string>, file = path.join(scratch, 'in.zip')): string {
  const zip = new AdmZip();
  for (const [name, text] of Object.entries(entries)) zip.addFile(name, Buffer.from(text));
  // adm-zip normalises names as it adds them: set the hostile ones back.
  for (const [i, name] of Object.keys(entries).entries()) zip.getEntries()[i]!.entryName = name;
  zip.writeZip(file);
  return file;
}

describe('the class folder', () => {
  it('lists folders and zip files as submissions, in name order, and says what else it ignored', () => {
    fs.mkdirSync(path.join(scratch, 'bob'));
    fs.mkdirSync(path.join(scratch, 'alice'));
    fs.writeFileSync(path.join(scratch, 'carol.zip'), '');
    fs.writeFileSync(path.join(scratch, 'notes.txt'), '');
    fs.mkdirSync(path.join(scratch, '.git'));
    fs.symlinkSync(path.join(scratch, 'alice'), path.join(scratch, 'dave'));
    const { submissions, ignored } = readClassFolder(scratch);
    expect(submissions.map(({ name, kind }) => `${name} ${kind}`)).toEqual(['alice folder', 'bob folder', 'carol zip']);
    expect(ignored).toEqual(['dave: a link (a submission is a folder or a zip file, not a link to one)', 'notes.txt: not a folder or a zip file']);
  });

  it('refuses a folder and a zip file that would share a name', () => {
    fs.mkdirSync(path.join(scratch, 'alice'));
    fs.writeFileSync(path.join(scratch, 'alice.zip'), '');
    expect(() => readClassFolder(scratch)).toThrow(new UsageError(`two submissions in ${scratch} would share the name alice (a folder and a zip file of that name): rename one`));
  });
});

describe('a zipped submission', () => {
  it('is graded from its one top-level folder, archivers\' folders left out', () => {
    const root = unzipSubmission(zipOf({ 'stack/index.ts': 'x', 'stack/tcp/tcb.ts': 'y', '__MACOSX/stack/._index.ts': 'z' }), path.join(scratch, 'out'));
    expect(root).toBe(path.join(scratch, 'out', 'stack'));
    expect(fs.readFileSync(path.join(root, 'tcp', 'tcb.ts'), 'utf8')).toBe('y');
    expect(fs.existsSync(path.join(scratch, 'out', '__MACOSX'))).toBe(false);
  });

  it('with files at its top is graded from there', () => {
    const out = path.join(scratch, 'out');
    expect(unzipSubmission(zipOf({ 'index.ts': 'x', 'udp.ts': 'y' }), out)).toBe(out);
  });

  it.each(['../escaped.ts', 'stack/../../escaped.ts', '/tmp/escaped.ts'])('is refused when an entry names a path outside it: %s', (name) => {
    const out = path.join(scratch, 'deep', 'out');
    expect(() => unzipSubmission(zipOf({ [name]: 'x' }), out)).toThrow(`the zip entry ${JSON.stringify(name)} names a path outside the submission`);
    expect(fs.existsSync(path.join(scratch, 'deep', 'escaped.ts'))).toBe(false);
    expect(fs.existsSync(path.join(scratch, 'escaped.ts'))).toBe(false);
  });

  it('is refused when an entry is a link', () => {
    const file = zipOf({ 'stack/index.ts': '/etc/passwd' });
    const zip = new AdmZip(file);
    zip.getEntries()[0]!.attr = (0o120777 << 16) >>> 0;
    zip.writeZip(file);
    expect(() => unzipSubmission(file, path.join(scratch, 'out'))).toThrow('stack/index.ts in in.zip is a link: a submission holds regular files only');
  });

  it('is refused when an entry unpacks to more than its header says (a zip bomb), without unpacking it', () => {
    const file = zipOf({ 'stack/index.ts': 'a'.repeat(5_000_000) });
    const zip = new AdmZip(file);
    zip.getEntries()[0]!.header.size = 100;
    zip.writeZip(file);
    expect(() => unzipSubmission(file, path.join(scratch, 'out'))).toThrow(/^stack\/index\.ts in in\.zip cannot be unpacked: /);
  });

  it('is refused when it unpacks to more than a submission may', () => {
    const file = zipOf({ 'stack/index.ts': 'a'.repeat(MAX_UNZIPPED_BYTES + 1) });
    expect(() => unzipSubmission(file, path.join(scratch, 'out'))).toThrow(`in.zip unpacks to ${MAX_UNZIPPED_BYTES + 1} bytes, more than the ${MAX_UNZIPPED_BYTES} a submission may`);
    expect(fs.existsSync(path.join(scratch, 'out'))).toBe(false);
  });

  it('is refused when it is no zip at all', () => {
    const file = path.join(scratch, 'alice.zip');
    fs.writeFileSync(file, 'not a zip');
    expect(() => unzipSubmission(file, path.join(scratch, 'out'))).toThrow(/^alice\.zip is not a readable zip file: /);
  });
});

describe('the batch folder', () => {
  it('is refused to a second batch while the first is alive, and taken over from one that died', () => {
    const out = path.join(scratch, 'graded');
    fs.mkdirSync(out);
    // The parent of this test process is alive: it stands for a batch still running.
    fs.writeFileSync(path.join(out, '.batch.pid'), `${process.ppid}\n`);
    expect(() => new BatchFolder(out)).toThrow(new UsageError(`another batch (process ${process.ppid}) is writing ${out}: wait for it, or give another --out`));
    // No process has a pid this large (the kernel's limit is 2^22).
    fs.writeFileSync(path.join(out, '.batch.pid'), `${2 ** 30}\n`);
    const folder = new BatchFolder(out);
    expect(fs.readFileSync(path.join(out, '.batch.pid'), 'utf8')).toBe(`${process.pid}\n`);
    folder.release();
    expect(fs.existsSync(path.join(out, '.batch.pid'))).toBe(false);
  });

  it('makes a grading visible only once it is finished, and replaces an earlier one whole', () => {
    const folder = new BatchFolder(path.join(scratch, 'graded'));
    const first = folder.startWork('alice');
    fs.writeFileSync(path.join(first.dir, 'report.json'), 'first');
    expect(folder.isFinished('alice')).toBe(false);
    folder.finish(first, 'alice');
    const second = folder.startWork('alice');
    fs.writeFileSync(path.join(second.dir, 'report.json'), 'second');
    expect(fs.readFileSync(path.join(folder.finished('alice'), 'report.json'), 'utf8')).toBe('first');
    folder.finish(second, 'alice');
    expect(fs.readdirSync(folder.finished('alice'))).toEqual(['report.json']);
    expect(fs.readFileSync(path.join(folder.finished('alice'), 'report.json'), 'utf8')).toBe('second');
    expect(folder.clearInterrupted()).toBe(0);
    folder.release();
  });

  it('removes the work folders an interrupted batch left, ending the processes recorded in them', async () => {
    const folder = new BatchFolder(path.join(scratch, 'graded'));
    const work = folder.startWork('alice');
    const orphan = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
    const ended = new Promise((resolve) => orphan.once('exit', (_code, signal) => resolve(signal)));
    work.recordGroup(orphan.pid!);
    expect(folder.clearInterrupted()).toBe(1);
    expect(await ended).toBe('SIGKILL');
    expect(fs.existsSync(work.dir)).toBe(false);
    folder.release();
  });
});

describe('a batch asked the impossible', () => {
  it.each([
    ['an unknown milestone', { milestones: ['m9-bogus'] }, new RegExp(`^no milestone m9-bogus under ${ASSIGNMENTS} \\(there are: m0-fixture\\)$`)],
    ['a missing assignments folder', { assignmentsDir: '/nonexistent/assignments' }, /^no assignments folder at \/nonexistent\/assignments$/],
  ])('refuses %s before it grades or writes anything', async (_case, asked, message) => {
    fs.mkdirSync(path.join(scratch, 'class', 'alice'), { recursive: true });
    const out = path.join(scratch, 'graded');
    const batch = runBatch({ classDir: path.join(scratch, 'class'), outDir: out, formats: [], assignmentsDir: ASSIGNMENTS, ...asked });
    await expect(batch).rejects.toThrow(UsageError);
    await expect(batch).rejects.toThrow(message);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses a class folder with no submission in it', async () => {
    fs.mkdirSync(path.join(scratch, 'class'));
    await expect(runBatch({ classDir: path.join(scratch, 'class'), outDir: path.join(scratch, 'graded'), formats: [] })).rejects.toThrow(
      `no submission in ${path.join(scratch, 'class')}: it holds no folder and no zip file`,
    );
  });
});

describe('the class summary', () => {
  it('has a row per submission with its points per milestone, and quotes what a spreadsheet would misread', () => {
    const report = SAMPLE_REPORT;
    const ids = report.milestones.map((milestone) => milestone.id);
    const csv = classCsv(
      [
        { name: 'alice, "ace"', report },
        { name: '=HYPERLINK("x")', error: 'alice.zip is not a readable zip file: bad' },
      ],
      ids,
    );
    const [header, alice, formula] = csv.split('\r\n');
    expect(header).toBe(['submission', 'status', 'score', 'max_score', ...ids, 'reason'].join(','));
    expect(alice!.startsWith(`"alice, ""ace""",`)).toBe(true);
    expect(alice).toContain(`,${report.score},${report.maxScore},${report.milestones.map((m) => m.score).join(',')},`);
    expect(formula).toBe(`"'=HYPERLINK(""x"")",error,,,${ids.map(() => '').join(',')},alice.zip is not a readable zip file: bad`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
