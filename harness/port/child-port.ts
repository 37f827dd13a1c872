/**
 * A port to a kernel in its own child process (DESIGN §6, Integrity). A submission is untrusted
 * code: when grading, it must not share a JavaScript realm with the judge. Its kernel runs in a
 * `node` under the permission model (see kernel-process-launch.ts) and is driven over a narrow
 * protocol that mirrors {@link KernelPort}: one request, one reply, in turn (child-protocol.ts).
 *
 * Whatever the child does becomes a reply, never a hang or a crash of the judge: a stack that
 * does not load, exits, loops, or sends what it was not asked for loses its process, and that
 * call and every later one fail at once with the reason, as a crash of the stack under test.
 */
import type { ChildProcess } from 'node:child_process';
import type { Syscall } from '../contract';
import type { Request } from './child-protocol';
import { describeCall } from './describe-call';
import type { KernelPort, Reply } from './kernel-port';
import { launchKernelProcess } from './kernel-process-launch';
import { readReady, readReply } from './read-reply';

/** How long one call may take, in wall-clock time, before the kernel counts as looping. */
export const DEFAULT_CALL_TIMEOUT_MS = 2_000;
/** How long the process may take to start and load the stack (a compiler-free start takes ~0.1 s). */
export const DEFAULT_START_TIMEOUT_MS = 10_000;
/** The kernel process's heap limit. */
export const DEFAULT_KERNEL_MEMORY_MB = 512;

/** The host a kernel runs as, and the limits of its process. */
export interface ChildPortOptions {
  /** This host's IPv4 address. */
  readonly address: string;
  /** The link MTU the kernel is told. */
  readonly mtu: number;
  /**
   * The seed of the kernel's random stream: its `env.random()` returns what `new Rng(seed).next()`
   * returns in the judge (harness/sim/rng.ts), so a LocalPort whose `random` draws from that Rng
   * gives the same run, byte for byte.
   */
  readonly seed: number;
  /** Wall-clock limit of one call, in ms (default {@link DEFAULT_CALL_TIMEOUT_MS}). */
  readonly callTimeoutMs?: number;
  /** Wall-clock limit of starting the process and loading the stack (default {@link DEFAULT_START_TIMEOUT_MS}). */
  readonly startTimeoutMs?: number;
  /** The process's heap limit in MB (default {@link DEFAULT_KERNEL_MEMORY_MB}). */
  readonly memoryMb?: number;
}

/** The one message the port waits for, and how to settle the wait. */
interface Wait {
  /** True when `message` is the awaited one (and was taken). */
  readonly take: (message: unknown) => boolean;
  readonly end: () => void;
}

export class ChildPort implements KernelPort {
  /** The kernel process's id; undefined when it could not be started. */
  readonly pid: number | undefined;
  private readonly child: ChildProcess;
  private readonly callTimeoutMs: number;
  private readonly memoryMb: number;
  private readonly exited: Promise<void>;
  /** Requests go one at a time: each waits for the previous reply. */
  private turn: Promise<unknown>;
  private wait: Wait | undefined;
  /** What the child is doing, for reports: `while loading`, `during recv(fd 3, 100)`, `between calls`. */
  private activity = 'while loading';
  private seq = 0;
  /** Why the port no longer works: the reply every call gets from then on. */
  private lost: Reply | undefined;

  /** Start the kernel process for the submission in `submissionDir` (loading runs while the test sets up). */
  constructor(submissionDir: string, options: ChildPortOptions) {
    this.callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.memoryMb = options.memoryMb ?? DEFAULT_KERNEL_MEMORY_MB;
    this.child = launchKernelProcess(submissionDir, { ...options, memoryMb: this.memoryMb });
    this.pid = this.child.pid;
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.fail(this.exitReason(code, signal));
        resolve();
      });
      this.child.on('error', (error) => {
        this.fail(`the stack under test's process failed: ${error.message}`);
        if (this.pid === undefined) resolve();
      });
    });
    this.child.on('message', (message) => this.onMessage(message));
    // An idle port must not keep the judge's process alive; the child exits when the judge does.
    this.child.unref();
    const startTimeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
    const late = `the stack under test did not finish loading within ${startTimeoutMs} ms (infinite loop?)`;
    this.turn = this.expect(late, startTimeoutMs, readReady).then((ready) => {
      if (ready?.loadError !== undefined) this.fail(ready.loadError);
    });
  }

  call(nowMs: number, method: Syscall, args: readonly unknown[]): Promise<Reply> {
    return this.request(describeCall(method, args), (seq) => ({ kind: 'call', seq, nowMs, method, args }));
  }

  receive(nowMs: number, packet: Uint8Array): Promise<Reply> {
    return this.request('receive()', (seq) => ({ kind: 'receive', seq, nowMs, packet }));
  }

  tick(nowMs: number): Promise<Reply> {
    return this.request('tick()', (seq) => ({ kind: 'tick', seq, nowMs }));
  }

  /** Kill the kernel process; resolves once it is gone. Later calls fail with the reason. */
  async dispose(): Promise<void> {
    // Until the process is gone, it keeps the judge alive: whoever awaits this must see it end.
    this.child.ref();
    this.fail('the stack under test was disposed of: its port is closed');
    await this.exited;
  }

  private request(call: string, build: (seq: number) => Request): Promise<Reply> {
    const reply = this.turn.then(() => this.exchange(call, build));
    this.turn = reply;
    return reply;
  }

  private async exchange(call: string, build: (seq: number) => Request): Promise<Reply> {
    if (this.lost) return this.lost;
    const seq = ++this.seq;
    this.activity = `during ${call}`;
    const late = `the stack under test did not return from ${call} within ${this.callTimeoutMs} ms (infinite loop?)`;
    const answered = this.expect(late, this.callTimeoutMs, (message) => readReply(message, seq));
    try {
      // A closed channel is reported by the exit that closed it, or by this call's time limit; the
      // callback only keeps it from being an 'error' event.
      this.child.send(build(seq), () => undefined);
    } catch (error) {
      this.fail(`the harness could not send ${call} to the stack's process: ${error instanceof Error ? error.message : String(error)}`);
    }
    return (await answered) ?? this.fail('the stack under test stopped answering');
  }

  /**
   * Wait up to `limitMs` for the message `read` accepts; undefined when the port failed meanwhile
   * (then `lost` says why). The channel keeps the judge alive only while it waits.
   */
  private expect<T>(late: string, limitMs: number, read: (message: unknown) => T | undefined): Promise<T | undefined> {
    return new Promise((resolve) => {
      let taken: T | undefined;
      const timer = setTimeout(() => this.fail(late), limitMs);
      this.child.channel?.ref();
      this.wait = {
        take: (message) => (taken = read(message)) !== undefined,
        end: () => {
          clearTimeout(timer);
          this.child.channel?.unref();
          this.wait = undefined;
          this.activity = 'between calls';
          resolve(taken);
        },
      };
      if (this.lost) this.wait.end();
    });
  }

  private onMessage(message: unknown): void {
    const wait = this.wait;
    if (wait?.take(message)) return wait.end();
    this.fail(`the stack under test sent the harness a message of its own ${this.activity} (the channel is the harness's)`);
  }

  private exitReason(code: number | null, signal: NodeJS.Signals | null): string {
    if (signal === null) return `the stack under test exited the process (code ${code}) ${this.activity}`;
    const hint = signal === 'SIGABRT' ? ` (out of memory? the limit is ${this.memoryMb} MB)` : '';
    return `the stack under test's process was killed by ${signal} ${this.activity}${hint}`;
  }

  /** Stop the kernel for good with `reason` (the first reason stands) and end any wait. */
  private fail(reason: string): Reply {
    if (!this.lost) {
      this.lost = { outcome: { ok: false, error: { kind: 'lost', message: reason } }, transmitted: [], nextDeadline: undefined };
      this.child.kill('SIGKILL');
      this.wait?.end();
    }
    return this.lost;
  }
}
