/**
 * Every way a stack in its own process can fail becomes a reply with the reason — never a hang
 * or a crash of the judge — and a stack that loses its process fails every later call at once.
 * The sandbox holds: writing files, running programs and signalling processes are denied.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Syscall } from '../../contract';
import { ChildPort, type ChildPortOptions } from '../child-port';
import type { Outcome } from '../kernel-port';
import { fromPortError, KernelLost } from '../port-errors';
import { alive } from '../../testing/processes';
import { ESCAPES } from './fixtures/escaping';

const FIXTURES = path.join(__dirname, 'fixtures');
/** A CPU-time limit no call reaches first: these tests time the wall-clock limit (watchdog.test.ts times the CPU). */
const WALL_ONLY = 60_000;

interface Tried {
  readonly outcome: Outcome;
  /** The outcome of a `socket` call made afterwards. */
  readonly later: Outcome;
  readonly elapsedMs: number;
  readonly pid: number;
}

/** Start the stack in `dir`, make one call, then one more; dispose of the port. */
async function tryCall(dir: string, method: Syscall, args: readonly unknown[], limits: Partial<ChildPortOptions> = {}): Promise<Tried> {
  const port = new ChildPort(dir, { address: '10.0.0.1', mtu: 1500, seed: 1, ...limits });
  const start = Date.now();
  const { outcome } = await port.call(0, method, args);
  const elapsedMs = Date.now() - start;
  const later = (await port.call(0, 'socket', ['udp'])).outcome;
  await port.dispose();
  return { outcome, later, elapsedMs, pid: port.pid ?? -1 };
}

const misbehaving = (method: Syscall, args: readonly unknown[], limits?: Partial<ChildPortOptions>) =>
  tryCall(path.join(FIXTURES, 'misbehaving'), method, args, limits);

function crash(message: string): Outcome {
  return { ok: false, error: { kind: 'lost', message } };
}

function errorOf(outcome: Outcome): Error | undefined {
  return outcome.ok ? undefined : fromPortError(outcome.error, 'the call');
}

function stackOf(outcome: Outcome): string {
  return !outcome.ok && (outcome.error.kind === 'crash' || outcome.error.kind === 'not-implemented') ? (outcome.error.stack ?? '') : '';
}

const STILL_WORKS: Outcome = { ok: true, value: 3 };

describe('a stack that does not load', () => {
  it('reports a syntax error with its file, line and column', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'socklab-syntax-'));
    try {
      fs.writeFileSync(path.join(dir, 'index.ts'), 'export const answer = 42;\nexport const options = { a: 1 b: 2 };\n');
      const { outcome, later } = await tryCall(dir, 'socket', ['udp']);
      expect(outcome).toEqual(crash(`the stack at ${fs.realpathSync(dir)} failed to load: index.ts:2:31 ',' expected.`));
      expect(later).toEqual(outcome);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a missing folder and a missing export as the loader words them', async () => {
    const none = path.join(FIXTURES, 'no-such-stack');
    expect((await tryCall(none, 'socket', ['udp'])).outcome).toEqual(
      crash(`no stack at ${none}: expected ${path.join(none, 'index.ts')} exporting createKernel(env)`),
    );
    const dir = path.join(FIXTURES, 'no-export');
    expect((await tryCall(dir, 'socket', ['udp'])).outcome).toEqual(
      crash(`the stack at ${dir} does not export a function createKernel(env): see harness/contract/kernel.ts`),
    );
  });

  it('cannot load the reference solution as its own', async () => {
    const dir = path.join(FIXTURES, 'reads-reference');
    const reference = path.resolve(__dirname, '..', '..', '..', 'reference', 'index.ts');
    expect((await tryCall(dir, 'socket', ['udp'])).outcome).toEqual(
      crash(`the stack at ${dir} failed to load: ${reference} cannot be loaded: a stack may import only its own files (not its tests) and harness/contract`),
    );
  });

  it('reports a process that exits while loading', async () => {
    const { outcome, later } = await tryCall(path.join(FIXTURES, 'exits-on-load'), 'socket', ['udp']);
    expect(outcome).toEqual(crash('the stack under test exited the process (code 4) while loading'));
    expect(later).toEqual(outcome);
  });

  it('stops a stack that never finishes loading', async () => {
    const { outcome, pid } = await tryCall(path.join(FIXTURES, 'loops-on-load'), 'socket', ['udp'], { startTimeoutMs: 300 });
    expect(outcome).toEqual(crash('the stack under test did not finish loading within 300 ms (infinite loop?)'));
    expect(alive(pid)).toBe(false);
  });

  it.each(['loops-on-load', 'no-export'])('does not start a stack that did not load (%s) again: its later kernels, in this file or the next, are lost at once for the reason', async (fixture) => {
    const dir = path.join(FIXTURES, fixture);
    const first = await tryCall(dir, 'socket', ['udp'], { startTimeoutMs: 300, idleMs: 0 });
    const again = await tryCall(dir, 'socket', ['udp'], { startTimeoutMs: 300, idleMs: 0 });
    let nextFiles: Promise<Tried> | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- another instance of the module, as the next test file gets
      const { ChildPort: NextFilesPort } = require('../child-port') as typeof import('../child-port');
      const port = new NextFilesPort(dir, { address: '10.0.0.1', mtu: 1500, seed: 1, startTimeoutMs: 300, idleMs: 0 });
      nextFiles = port.call(0, 'socket', ['udp']).then(async ({ outcome }) => {
        await port.dispose();
        return { outcome, later: outcome, elapsedMs: 0, pid: port.pid ?? -1 };
      });
    });
    const next = await nextFiles;
    for (const tried of [again, next]) {
      expect(tried?.outcome).toEqual(first.outcome);
      // No process was started for it: the one that did not load answers.
      expect(tried?.pid).toBe(first.pid);
    }
  });

  it('reports a createKernel that throws, on every call', async () => {
    const { outcome, later } = await tryCall(path.join(FIXTURES, 'throws-on-create'), 'socket', ['udp']);
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'crash', name: 'RangeError', message: 'createKernel threw: no room for a kernel at 10.0.0.1' } });
    expect(later).toEqual(outcome);
  });
});

describe('a call that throws', () => {
  it('crosses as a SocketError, NotImplemented or crash, and the kernel keeps running', async () => {
    const socketError = await misbehaving('poll', [3]);
    expect(socketError.outcome).toEqual({ ok: false, error: { kind: 'socket', errno: 'EOPNOTSUPP' } });
    const notImplemented = await misbehaving('connect', [3, { address: '10.0.0.2', port: 7 }]);
    expect(notImplemented.outcome).toMatchObject({ ok: false, error: { kind: 'not-implemented', milestone: 'm2', what: 'the three-way handshake' } });
    const thrown = await misbehaving('close', [3]);
    expect(thrown.outcome).toMatchObject({ ok: false, error: { kind: 'crash', name: 'TypeError', message: 'close() is broken' } });
    // The stack trace names the stack's TypeScript source, not the JavaScript it was turned into.
    for (const threw of [notImplemented, thrown]) expect(stackOf(threw.outcome)).toMatch(/misbehaving[/\\]index\.ts:\d+:\d+/);
    for (const tried of [socketError, notImplemented, thrown]) expect(tried.later).toEqual(STILL_WORKS);
  });

  it('returning what cannot leave the process is a crash of that call only', async () => {
    const { outcome, later } = await misbehaving('counters', []);
    expect(outcome).toEqual({
      ok: false,
      error: { kind: 'crash', name: 'DataCloneError', message: "the call's result cannot leave the stack's process: () => 0 could not be cloned." },
    });
    expect(later).toEqual(STILL_WORKS);
  });
});

describe('the sandbox', () => {
  const denied = (message: string, frame: RegExp) =>
    expect.objectContaining({ ok: false, error: expect.objectContaining({ kind: 'crash', message: expect.stringContaining(message), stack: expect.stringMatching(frame) }) });

  it('denies writing a file', async () => {
    const escaped = '/tmp/socklab-escaped.txt';
    fs.rmSync(escaped, { force: true });
    const { outcome, later } = await misbehaving('bind', [3, { address: '0.0.0.0', port: 7 }]);
    expect(outcome).toEqual(denied('Access to this API has been restricted: a stack under test may not load node:fs', /lockdown/));
    expect(fs.existsSync(escaped)).toBe(false);
    expect(later).toEqual(STILL_WORKS);
  });

  it('denies running a program', async () => {
    const { outcome } = await misbehaving('listen', [3, 1]);
    expect(outcome).toEqual(denied('Access to this API has been restricted: a stack under test may not load node:child_process', /lockdown/));
  });

  it('denies signalling the judge', async () => {
    const { outcome } = await misbehaving('send', [3, Uint8Array.of(1)]);
    expect(outcome).toEqual(denied('Access to this API has been restricted: a stack under test may not signal processes', /lockdown/));
  });

  it("shows nothing of the judge's machine: no node flags (they name the judge's folders), no arguments, no process.report (host name, system)", async () => {
    const { outcome } = await misbehaving('getsockname', [3]);
    expect(outcome).toEqual({ ok: true, value: { address: '||undefined', port: 0 } });
  });

  it("denies opening the judge's inspector (process._debugProcess sends SIGUSR1)", async () => {
    const { outcome } = await misbehaving('recvfrom', [3, 100]);
    expect(outcome).toEqual(denied('Access to this API has been restricted: a stack under test may not signal processes', /lockdown/));
  });
});

describe('a stack that loses its process', () => {
  it('reports an exit during a call, and every later call fails at once with it', async () => {
    const { outcome, later, pid } = await misbehaving('recv', [3, 100]);
    expect(outcome).toEqual(crash('the stack under test exited the process (code 3) during recv(fd 3, 100)'));
    expect(later).toEqual(outcome);
    expect(alive(pid)).toBe(false);
    // The program that made the call can tell a lost kernel from a crash of its call.
    expect([errorOf(outcome), errorOf((await misbehaving('close', [3])).outcome)].map((error) => error instanceof KernelLost)).toEqual([true, false]);
  });

  it('is killed when a call does not return within the limit', async () => {
    const { outcome, later, elapsedMs, pid } = await misbehaving('accept', [3], { callTimeoutMs: 300, callCpuMs: WALL_ONLY });
    expect(outcome).toEqual(crash('the stack under test did not return from accept(fd 3) within 300 ms (infinite loop?)'));
    expect(later).toEqual(outcome);
    expect(elapsedMs).toBeGreaterThanOrEqual(300);
    // Generous: the bound is there to catch a port that waits for the loop instead of killing it.
    expect(elapsedMs).toBeLessThan(300 + 1_500);
    expect(alive(pid)).toBe(false);
  });

  it('names the calls made at the same moment as the one that did not return, since the loop may be in any of them', async () => {
    const port = new ChildPort(path.join(FIXTURES, 'misbehaving'), { address: '10.0.0.1', mtu: 1500, seed: 1, callTimeoutMs: 300, callCpuMs: WALL_ONLY });
    const socket = () => port.call(0, 'socket', ['udp']);
    const calls = [socket(), port.call(0, 'accept', [3]), ...[1, 2, 3, 4].map(socket), port.call(0, 'close', [3]), socket(), socket()];
    const outcomes = (await Promise.all(calls)).map((reply) => reply.outcome);
    // Runs of the same call are counted; past three runs, only the number of calls is given.
    const reason =
      "the stack under test did not return within 300 ms from socket('udp') or from a call made right after it, at the same moment: " +
      "accept(fd 3), socket('udp') ×4, close(fd 3), … (2 more calls) (infinite loop?)";
    expect(outcomes).toEqual(calls.map(() => crash(reason)));
    // An exit in such a batch is reported the same way.
    const exiting = new ChildPort(path.join(FIXTURES, 'misbehaving'), { address: '10.0.0.1', mtu: 1500, seed: 1 });
    const exits = await Promise.all([exiting.call(0, 'socket', ['udp']), exiting.call(0, 'recv', [3, 100])]);
    expect(exits.map((reply) => reply.outcome)).toEqual(
      exits.map(() => crash("the stack under test exited the process (code 3) during socket('udp') or a call made right after it, at the same moment: recv(fd 3, 100)")),
    );
    await exiting.dispose();
    await port.dispose();
    expect(alive(port.pid ?? -1)).toBe(false);
  });

  it('fails a call whose value is too large to be a reply (sparse arrays of length 2^32 − 1), at once, and goes on', async () => {
    const { outcome, later } = await misbehaving('epollWait', [5, 10, 0]);
    const message = 'the value returned takes its batch of replies past 4194304 elements (counting array lengths): no reply of the contract is that large';
    expect(outcome).toEqual({ ok: false, error: { kind: 'crash', name: 'RangeError', message } });
    expect(later).toEqual(STILL_WORKS);
  });

  it('is stopped when it sends the judge a message of its own', async () => {
    const { outcome, later, pid } = await misbehaving('epollCreate', []);
    expect(outcome).toEqual(crash("the stack under test sent the harness a message of its own during epollCreate() (the channel is the harness's)"));
    expect(later).toEqual(outcome);
    expect(alive(pid)).toBe(false);
  });
});

describe('the lockdown', () => {
  const escaping = path.join(FIXTURES, 'escaping');
  const attempts = Object.keys(ESCAPES);

  it.each(attempts)('stops %s', async (attempt) => {
    const port = new ChildPort(escaping, { address: '10.0.0.1', mtu: 1500, seed: 1 });
    try {
      const { outcome } = await port.call(0, 'getsockopt', [3, attempt]);
      const { outcome: later } = await port.call(0, 'getsockopt', [3, 'async outcome']);
      const ended = outcome.ok ? String(later.ok ? later.value : 'lost') : (outcome.error as { message?: string }).message;
      expect(ended).not.toBe('escaped');
      expect(ended).toMatch(/restricted|not defined|Code generation from strings disallowed|ERR_DLOPEN_DISABLED|Cannot load native addon/);
    } finally {
      await port.dispose();
    }
  });
});
