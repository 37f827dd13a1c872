/**
 * Grading one case of the hostile corpus as CI would: `grader run` in a process of its own, every
 * export on, a secret in its environment, from a working folder of its own; then everything it
 * left, read back: the report, the exports, what it printed, and the files it should not have.
 */
import execa from 'execa';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXPORTS, type Export } from '../../export';
import { STAGED_PREFIX } from '../../submission';
import type { Report } from '../../report';
import { ASSIGNMENTS, FIXTURES } from '../helpers';
import type { Context, HostileCase, Target } from './cases';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'grader', 'bin', 'grader.js');

/** The environment variable the grader holds a secret in during every grading. */
export const SECRET_NAME = 'SOCKLAB_TEST_SECRET';
export const SECRET = `hostile-secret-${randomBytes(12).toString('hex')}`;

/** Where each target's milestone is, and its id. */
export const TARGETS: Record<Target, { readonly assignments: string; readonly milestone: string }> = {
  fixture: { assignments: ASSIGNMENTS, milestone: 'm0-fixture' },
  'shared-fixture': { assignments: path.join(FIXTURES, 'hostile-assignments'), milestone: 'm0-shared' },
  'm1-udp': { assignments: path.join(ROOT, 'assignments'), milestone: 'm1-udp' },
};

/** Every format there is: each is checked. */
const FORMATS = Object.keys(EXPORTS);

/** A case, graded. */
export interface Graded {
  readonly exitCode: number | undefined;
  readonly seconds: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The report as written, or undefined when none was. */
  readonly report: Report | undefined;
  readonly reportText: string;
  /** The student-facing files the run wrote, by name. */
  readonly exports: Readonly<Record<string, string>>;
  /** The instructors' exports the run wrote (the HTML report), by name. */
  readonly instructorExports: Readonly<Record<string, string>>;
  /** Files the run left where it must not have: markers, trace logs, a staged copy. */
  readonly leftovers: readonly string[];
  /** What the working folder of the grader holds afterwards (it must be empty). */
  readonly cwdAfter: readonly string[];
}

/** The name of a trace log Node writes into its working folder. */
const TRACE_LOG = /^node_trace\.\d+\.log$/;

function tracesIn(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((name) => TRACE_LOG.test(name))
      .map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

/** Staged copies of this case still in the checkout: each case's stack holds a file named by its token. */
function stagedCopiesOf(token: string): string[] {
  return fs
    .readdirSync(ROOT)
    .filter((name) => name.startsWith(STAGED_PREFIX))
    .map((name) => path.join(ROOT, name))
    .filter((dir) => fs.existsSync(path.join(dir, tokenFile(token))) || fs.existsSync(path.join(dir, 'stack', tokenFile(token))));
}

const tokenFile = (token: string): string => `hostile-${token}.txt`;

/** Listeners every spy would reach: what the cases' context names. */
export interface Listeners {
  readonly tcpPort: number;
  readonly udpPort: number;
  readonly unixSocket: string;
}

/** Build `hostileCase` into a scratch folder and grade it. */
export async function gradeCase(hostileCase: HostileCase, listeners: Listeners): Promise<Graded> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'socklab-hostile-'));
  const [submission, out, cwd] = ['submission', 'out', 'cwd'].map((name) => path.join(scratch, name)) as [string, string, string];
  for (const dir of [submission, out, cwd]) fs.mkdirSync(dir);
  const token = randomBytes(6).toString('hex');
  const markerName = `hostile-marker-${token}`;
  const markers = [ROOT, os.tmpdir(), cwd, os.homedir(), path.join(ROOT, 'grader')].map((dir) => path.join(dir, markerName));
  const ctx: Context = { root: ROOT, assignments: ASSIGNMENTS, ...listeners, markers, secretName: SECRET_NAME };
  try {
    const graded = hostileCase.build(submission, ctx) ?? submission;
    // A file that names this case's staged copy, if one is left behind.
    for (const dir of [graded, path.join(graded, 'stack')]) {
      if (fs.lstatSync(dir, { throwIfNoEntry: false })?.isDirectory()) fs.writeFileSync(path.join(dir, tokenFile(token)), token);
    }
    const { assignments, milestone } = TARGETS[hostileCase.target];
    const reportFile = path.join(out, 'report.json');
    const started = Date.now();
    const run = await execa(
      process.execPath,
      [BIN, 'run', '--submission', graded, '--assignments', assignments, '--milestones', milestone, '--out', reportFile, '--format', FORMATS.join(',')],
      {
        cwd,
        env: { ...process.env, [SECRET_NAME]: SECRET },
        extendEnv: false,
        reject: false,
        // Far past any case's bound: a hung grader fails its case instead of the whole file.
        timeout: (hostileCase.verdict.maxSeconds + 60) * 1000,
      },
    );
    const seconds = (Date.now() - started) / 1000;
    if (process.env.SOCKLAB_HOSTILE_KEEP) fs.writeFileSync(path.join(out, 'run.json'), JSON.stringify({ seconds, exitCode: run.exitCode, stderr: run.stderr }));
    const reportText = fs.existsSync(reportFile) ? fs.readFileSync(reportFile, 'utf8') : '';
    const exported = (audience: Export['audience']): Record<string, string> =>
      Object.fromEntries(
        Object.values(EXPORTS)
          .filter((format) => format.audience === audience)
          .map(({ file }) => path.join(out, file))
          .filter((file) => fs.existsSync(file))
          .map((file) => [path.basename(file), fs.readFileSync(file, 'utf8')]),
      );
    const leftovers = [
      ...markers.filter((file) => fs.existsSync(file)),
      ...[ROOT, cwd, os.tmpdir(), os.homedir(), scratch, submission].flatMap(tracesIn),
      ...stagedCopiesOf(token),
    ];
    return {
      exitCode: run.exitCode,
      seconds,
      stdout: run.stdout,
      stderr: run.stderr,
      report: reportText ? (JSON.parse(reportText) as Report) : undefined,
      reportText,
      exports: exported('students'),
      instructorExports: exported('instructors'),
      leftovers,
      cwdAfter: fs.readdirSync(cwd),
    };
  } finally {
    // SOCKLAB_HOSTILE_KEEP=<folder> keeps each case's report and exports there, to read.
    const keep = process.env.SOCKLAB_HOSTILE_KEEP;
    if (keep) fs.cpSync(out, path.join(keep, hostileCase.name.replace(/[^\w]+/g, '-').slice(0, 80)), { recursive: true });
    for (const file of markers) fs.rmSync(file, { force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Run `jobs`, at most `width` at once and heavy ones one at a time, in order; their results in the same order. */
export async function pool<T>(jobs: readonly { readonly heavy: boolean; readonly run: () => Promise<T> }[], width: number): Promise<T[]> {
  const results = new Map<number, T>();
  const pending = jobs.map((_, index) => index);
  let heavyRunning = false;
  let wake: (() => void)[] = [];
  const worker = async (): Promise<void> => {
    while (pending.length > 0) {
      const at = pending.findIndex((index) => !(jobs[index]!.heavy && heavyRunning));
      if (at < 0) {
        await new Promise<void>((resolve) => wake.push(resolve));
        continue;
      }
      const [index] = pending.splice(at, 1) as [number];
      const job = jobs[index]!;
      heavyRunning ||= job.heavy;
      try {
        results.set(index, await job.run());
      } finally {
        if (job.heavy) heavyRunning = false;
        const woken = wake;
        wake = [];
        woken.forEach((resolve) => resolve());
      }
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return jobs.map((_, index) => results.get(index) as T);
}
