/**
 * The adversarial corpus (hostile/cases.ts), graded as CI grades a submission: each hostile stack
 * is built into a scratch folder and graded by `grader run` with every export on. Whatever the
 * stack does, the grader must exit 0 with a valid report giving the verdict the case expects, in
 * bounded time; and no export may show a secret of the grader's environment, a hidden test, or a
 * path of the grading machine; nothing may be left outside the staging folder; nothing may reach
 * the listeners this file opens on 127.0.0.1 and a unix socket.
 */
import * as dgram from 'node:dgram';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { listFiles } from '../files';
import { loadMilestone, visibilityOf } from '../milestone';
import { reportProblems } from '../validate-report';
import { CASES, type HostileCase, type Target } from './hostile/cases';
import { gradeCase, pool, ROOT, SECRET, TARGETS, type Graded } from './hostile/grading';
import { ESCAPED } from './hostile/stacks';

/** Gradings at once: two cores, and each grading waits on its processes part of the time. */
const WIDTH = 3;

/** SOCKLAB_HOSTILE_ONLY=<regular expression> grades only the cases whose name it matches, to work on them. */
const SELECTED = CASES.filter((hostileCase) => new RegExp(process.env.SOCKLAB_HOSTILE_ONLY ?? '').test(hostileCase.name));

/** What every connection attempt to the listeners delivered: none may. */
const reached: string[] = [];
let scratch: string;
let closeListeners: () => Promise<void>;
const results = new Map<HostileCase, Graded | Error>();

async function listen(): Promise<{ tcpPort: number; udpPort: number; unixSocket: string }> {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'socklab-hostile-listeners-'));
  const unixSocket = path.join(scratch, 'spy.sock');
  const onConnection = (what: string) => (socket: net.Socket) => {
    reached.push(what);
    socket.destroy();
  };
  const tcp = net.createServer(onConnection('tcp 127.0.0.1'));
  const unix = net.createServer(onConnection(`unix ${unixSocket}`));
  const udp = dgram.createSocket('udp4', () => reached.push('udp 127.0.0.1'));
  await Promise.all([
    new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve)),
    new Promise<void>((resolve) => unix.listen(unixSocket, resolve)),
    new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve)),
  ]);
  closeListeners = async () => {
    await Promise.all([new Promise((resolve) => tcp.close(resolve)), new Promise((resolve) => unix.close(resolve)), new Promise<void>((resolve) => udp.close(resolve))]);
    fs.rmSync(scratch, { recursive: true, force: true });
  };
  return { tcpPort: (tcp.address() as net.AddressInfo).port, udpPort: udp.address().port, unixSocket };
}

beforeAll(async () => {
  const listeners = await listen();
  // The slowest first, so that the fixture cases fill the time it takes.
  const ordered = [...SELECTED].sort((a, b) => b.verdict.maxSeconds - a.verdict.maxSeconds);
  const graded = await pool(
    ordered.map((hostileCase) => ({
      heavy: hostileCase.heavy ?? false,
      run: () => gradeCase(hostileCase, listeners).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
    })),
    WIDTH,
  );
  ordered.forEach((hostileCase, i) => results.set(hostileCase, graded[i]!));
}, 600_000); // a guard against a hung grader, not a speed target: each case has its own bound (its verdict's maxSeconds)

afterAll(async () => {
  await closeListeners?.();
});

/** The lines of a milestone's hidden test files that no public or support file has, and its hidden tests' names: none may reach a student. */
function hiddenStrings(target: Target): string[] {
  const { assignments, milestone } = TARGETS[target];
  const testsDir = path.join(assignments, milestone, 'tests');
  const files = listFiles(testsDir).filter((file) => file.relative.endsWith('.ts'));
  const lines = (hidden: boolean) =>
    files
      .filter((file) => file.relative.startsWith('hidden/') === hidden)
      .flatMap((file) => fs.readFileSync(file.absolute, 'utf8').split('\n'))
      .map((line) => line.trim())
      .filter((line) => line.length >= 25 && !/^(import|\/\/|\/?\*)/.test(line));
  const open = new Set(lines(false));
  const tests = loadMilestone(path.join(assignments, milestone)).tests;
  const publicNames = tests.filter((test) => visibilityOf(test) === 'public').map((test) => test.name);
  const hiddenNames = tests.filter((test) => visibilityOf(test) === 'hidden' && !publicNames.some((name) => name.includes(test.name))).map((test) => test.name);
  return [...new Set([...lines(true).filter((line) => !open.has(line)), ...hiddenNames])];
}

/** Paths of the grading machine: its checkout, temporary folder and home, and any /work, /tmp or /root path; not `./root` or `stack/tmp`. */
const MACHINE_PATHS = ['/work', '/tmp', '/root', ROOT, os.tmpdir(), os.homedir()].map(
  (folder) => new RegExp(`(?<![\\w.~-])${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`),
);

function graded(hostileCase: HostileCase): Graded {
  const result = results.get(hostileCase);
  if (result === undefined) throw new Error('not graded');
  if (result instanceof Error) throw result;
  return result;
}

describe.each(SELECTED.map((hostileCase) => [hostileCase.name, hostileCase] as const))('%s', (_name, hostileCase) => {
  const { verdict } = hostileCase;

  it('exits 0 with a valid report, in bounded time', () => {
    const run = graded(hostileCase);
    expect({ exitCode: run.exitCode, stderr: run.exitCode === 0 ? '' : run.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(reportProblems(run.report)).toEqual([]);
    expect(run.seconds).toBeLessThanOrEqual(verdict.maxSeconds);
  });

  it('gets the verdict it earned', () => {
    const milestone = graded(hostileCase).report?.milestones[0];
    expect(milestone?.id).toBe(TARGETS[hostileCase.target].milestone);
    expect(verdict.status).toContain(milestone?.status);
    if (typeof verdict.score === 'number') expect(milestone?.score).toBe(verdict.score);
    else expect([(milestone?.score ?? -1) >= verdict.score[0], (milestone?.score ?? -1) <= verdict.score[1]]).toEqual([true, true]);
    if (verdict.reason) expect(milestone?.reason).toMatch(verdict.reason);
    if (verdict.says) {
      const said = [milestone?.reason ?? '', ...(milestone?.tests ?? []).map((test) => test.message)];
      expect({ says: verdict.says, found: said.some((text) => verdict.says!.test(text)) }).toEqual({ says: verdict.says, found: true });
    }
  });

  it('lists what staging refused, with the reason', () => {
    const refused = graded(hostileCase).report?.submission.refused ?? [];
    for (const [where, why] of verdict.refused ?? []) {
      expect(refused).toContainEqual({ path: where, reason: expect.stringMatching(why) });
    }
  });

  it('shows no secret, hidden test or machine path in any export, and nothing escaped', () => {
    const run = graded(hostileCase);
    // The summary goes to stdout, where a student's CI log shows it.
    const studentFacing = { ...run.exports, stdout: run.stdout };
    expect(Object.keys(run.exports).sort()).toEqual(['classroom.json', 'junit.xml', 'report.tap', 'results.json', 'summary.txt']);
    const forbidden = [SECRET, ESCAPED, ...hiddenStrings(hostileCase.target)];
    for (const [file, text] of Object.entries(studentFacing)) {
      expect({ file, found: forbidden.filter((word) => text.includes(word)) }).toEqual({ file, found: [] });
      expect({ file, paths: MACHINE_PATHS.map((pattern) => pattern.exec(text)?.[0]).filter(Boolean) }).toEqual({ file, paths: [] });
    }
    // The report and its HTML view are the instructors', with hidden tests; they hold no secret and nothing escaped either.
    expect(Object.keys(run.instructorExports)).toEqual(['report.html']);
    for (const [file, text] of Object.entries({ 'report.json': run.reportText, ...run.instructorExports, stderr: run.stderr })) {
      expect({ file, found: [SECRET, ESCAPED].filter((word) => text.includes(word)) }).toEqual({ file, found: [] });
    }
  });

  if (hostileCase.forbidden) {
    it(`keeps ${hostileCase.forbidden.join(', ')} out of every export`, () => {
      const run = graded(hostileCase);
      for (const [file, text] of Object.entries({ ...run.exports, stdout: run.stdout })) {
        expect({ file, found: hostileCase.forbidden!.filter((word) => text.includes(word)) }).toEqual({ file, found: [] });
      }
    });
  }

  it('leaves nothing outside its staging folder', () => {
    const run = graded(hostileCase);
    expect(run.leftovers).toEqual([]);
    expect(run.cwdAfter).toEqual([]);
  });
});

it('no stack reached a listener of this machine: TCP and UDP on 127.0.0.1, a unix socket', () => {
  expect(reached).toEqual([]);
});
