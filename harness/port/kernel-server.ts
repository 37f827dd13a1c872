/**
 * The judge's side of a kernel process: one `node` under the permission model (see
 * kernel-process-launch.ts) that serves every isolated kernel of a submission in one test file
 * (kernel-servers.ts). The submission is shipped and loaded once per process, not once per kernel.
 *
 * Requests are pipelined and batched: whatever is asked before the judge next yields to its event
 * loop (the calls of one virtual instant, a run of fuzzed packets) goes in one message, and the
 * process answers in order, reporting progress every few milliseconds. A watchdog gives the oldest
 * unanswered request its own time limit; should it go off, or the process end, the report names
 * that request and those sent with it after it, since the process may be in any of them.
 *
 * Whatever the process does becomes a reply, never a hang or a crash of the judge: a stack that
 * exits, loops, or sends what it was not asked for loses the process, and every request still
 * waiting, or made later, gets the reason.
 */
import type { ChildProcess } from 'node:child_process';
import type { KernelIdentity, Request } from './child-protocol';
import { lostReply, type Reply } from './kernel-port';
import { launchKernelProcess } from './kernel-process-launch';
import { readReplies } from './read-reply';
import { activityOf, lateReason, limitOf, type KernelLimits, type Overrun } from './watch';
import { Watchdog } from './watchdog';

/** A kernel of the process, as the judge knows it. */
interface KernelRecord {
  readonly limits: KernelLimits;
  /** Why this kernel no longer works (it did not load): the reply its every request gets. */
  lost: Reply | undefined;
}

interface Pending {
  readonly request: Request;
  /** The message it was sent in. */
  readonly batch: number;
  readonly kernel: KernelRecord;
  readonly resolve: (reply: Reply) => void;
}

const IDLE = 'the kernel process was closed: it held no kernel';
/**
 * How long a request sent aside waits for a request to travel with, in wall-clock ms. A simulation
 * that runs makes one within microseconds; one that waits for the aside reply (a deadlock being
 * explained) loses no more than this.
 */
const ASIDE_WAIT_MS = 5;

export class KernelServer {
  /** The process's id; undefined when it could not be started. */
  readonly pid: number | undefined;
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;
  private readonly kernels = new Map<number, KernelRecord>();
  private outbox: Request[] = [];
  /** How the outbox's flush is scheduled: at the loop's next turn, or later for requests sent aside. */
  private flushing: 'no' | 'soon' | 'later' = 'no';
  private asideTimer: NodeJS.Timeout | undefined;
  /** Requests sent or about to be, oldest first, from `head` on; the one at `head` is numbered `answered + 1`. */
  private pending: Pending[] = [];
  private head = 0;
  private answered = 0;
  private readonly watchdog: Watchdog;
  private idleTimer: NodeJS.Timeout | undefined;
  private kernelsMade = 0;
  private batches = 0;
  /** Why the process no longer works: the reply every request gets from then on. */
  private lost: Reply | undefined;
  /** Set when the judge ended the process: its loss says nothing of the stack. */
  private endedByJudge = false;
  /**
   * Why the submission could not be loaded (it threw, exited, or outlived the start limit while
   * loading): the reply the process's first kernel, whose creation loads it, was lost with.
   */
  loadFailure: Reply | undefined;

  /**
   * Start the process for the submission in `submissionDir`, with a heap of `memoryMb`. Once it
   * holds no kernel for `idleMs`, it ends.
   */
  constructor(
    submissionDir: string,
    private readonly memoryMb: number,
    private readonly idleMs: number,
  ) {
    this.child = launchKernelProcess(submissionDir, memoryMb);
    this.pid = this.child.pid;
    this.watchdog = new Watchdog(this.pid, (how) => this.late(how));
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
    // An idle process must not keep the judge alive; it exits when the judge does.
    this.child.unref();
    this.child.channel?.unref();
  }

  /** False once the process is gone: a new kernel then needs a new server. */
  get usable(): boolean {
    return this.lost === undefined;
  }

  /**
   * Create a kernel as `identity`, its requests held to `limits`; returns its number. The process
   * stays while any kernel is open.
   */
  openKernel(identity: KernelIdentity, limits: KernelLimits): number {
    clearTimeout(this.idleTimer);
    const kernel = ++this.kernelsMade;
    this.kernels.set(kernel, { limits, lost: undefined });
    // Its failure to load is the reply every later request of the kernel gets.
    const created = this.request({ kind: 'create', kernel, nowMs: 0, identity });
    if (kernel === 1) {
      void created.then((reply) => {
        if (!reply.outcome.ok && reply.outcome.error.kind === 'lost' && !this.endedByJudge) this.loadFailure = reply;
      });
    }
    return kernel;
  }

  /**
   * A kernel is done with; resolves to why it was lost before, if it was. When it was the last
   * kernel, the process ends after its idle time, or at once, and then resolves once it is gone.
   */
  async closeKernel(kernel: number): Promise<Reply | undefined> {
    const record = this.kernels.get(kernel);
    if (!record) return undefined;
    const lostBefore = record.lost ?? this.lost;
    if (!lostBefore) await this.request({ kind: 'dispose', kernel, nowMs: 0 });
    this.kernels.delete(kernel);
    if (this.kernels.size > 0) return lostBefore;
    if (this.usable && this.idleMs > 0) {
      this.idleTimer = setTimeout(() => this.fail(IDLE), this.idleMs);
      this.idleTimer.unref();
      return lostBefore;
    }
    this.fail(IDLE);
    // Until the process is gone it keeps the judge alive: whoever awaits this must see it end.
    this.child.ref();
    await this.exited;
    return lostBefore;
  }

  /** End the process now, whatever it holds: every request still waiting, or made later, gets `reason`. */
  end(reason: string): void {
    this.endedByJudge = true;
    this.fail(reason);
  }

  /**
   * Send one request about an open kernel, in the next batch; resolves to its reply, or to why
   * the kernel or the process was lost. A request `aside` (one whose reply nobody waits for yet)
   * waits to travel with the next request, so that it costs no message of its own.
   */
  request(request: Request, aside = false): Promise<Reply> {
    const kernel = this.kernels.get(request.kernel);
    if (!kernel) return Promise.resolve(lostReply(`the harness asked for kernel ${request.kernel}, which is closed`));
    // A submission that did not load answers that, even once its process is ended for its test file.
    const lost = this.loadFailure ?? this.lost ?? kernel.lost;
    if (lost) return Promise.resolve(lost);
    return new Promise((resolve) => {
      this.pending.push({ request, batch: this.batches + 1, kernel, resolve });
      this.outbox.push(request);
      this.scheduleFlush(aside);
    });
  }

  private scheduleFlush(aside: boolean): void {
    if (this.flushing === 'soon' || (aside && this.flushing === 'later')) return;
    if (aside) {
      this.flushing = 'later';
      this.asideTimer = setTimeout(this.flush, ASIDE_WAIT_MS);
      return;
    }
    clearTimeout(this.asideTimer);
    this.flushing = 'soon';
    // Not a microtask: the programs a delivered packet wakes make their calls in microtasks of
    // their own, and those calls should travel with the packet, not in a message of their own.
    setImmediate(this.flush);
  }

  private readonly flush = (): void => {
    const requests = this.outbox;
    this.outbox = [];
    this.flushing = 'no';
    clearTimeout(this.asideTimer);
    this.batches++;
    if (this.lost) return;
    try {
      // A closed channel is reported by the exit that closed it, or by the watchdog; the callback
      // only keeps it from being an 'error' event.
      this.child.send({ kind: 'batch', requests }, () => undefined);
    } catch (error) {
      this.fail(`the harness could not send a request to the stack's process: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    // The oldest unanswered request is one of these: its time starts now that it is on its way.
    if (this.pending[this.head]?.batch === this.batches) this.arm();
  };

  private onMessage(message: unknown): void {
    const batch = readReplies(message);
    if (batch?.first !== this.answered + 1 || batch.replies.length > this.pending.length - this.head) return this.intruder();
    for (const reply of batch.replies) {
      const { kernel, resolve } = this.pending[this.head++]!;
      // A kernel that did not load stays lost: the first reason stands.
      if (!reply.outcome.ok && reply.outcome.error.kind === 'lost') kernel.lost ??= reply;
      resolve(kernel.lost ?? reply);
    }
    this.answered += batch.replies.length;
    if (this.head === this.pending.length) {
      this.pending = [];
      this.head = 0;
    }
    this.arm();
  }

  private intruder(): void {
    this.fail(`the stack under test sent the harness a message of its own ${this.activity()} (the channel is the harness's)`);
  }

  /**
   * Give the oldest unanswered request its time limit, once it is sent (a judge busy before the
   * next flush must not count against the stack); the channel keeps the judge alive only while a
   * request waits.
   */
  private arm(): void {
    const oldest = this.pending[this.head];
    if (!oldest) {
      this.watchdog.stop();
      this.child.channel?.unref();
      return;
    }
    this.child.channel?.ref();
    if (oldest.batch > this.batches) this.watchdog.stop();
    else this.watchdog.start(limitOf(oldest.request, oldest.kernel.limits));
  }

  /** The oldest unanswered request outlived its limit. */
  private late(how: Overrun): void {
    const oldest = this.pending[this.head];
    if (oldest) this.fail(lateReason(oldest.request, oldest.kernel.limits, this.sentWith(oldest), how));
  }

  /** The requests after `oldest` in its batch: the process may be stuck in any of them. */
  private sentWith(oldest: Pending): Request[] {
    const after: Request[] = [];
    for (let i = this.head + 1; this.pending[i]?.batch === oldest.batch; i++) after.push(this.pending[i]!.request);
    return after;
  }

  private activity(): string {
    const oldest = this.pending[this.head];
    return oldest ? activityOf(oldest.request, this.sentWith(oldest)) : 'between calls';
  }

  private exitReason(code: number | null, signal: NodeJS.Signals | null): string {
    if (signal === null) return `the stack under test exited the process (code ${code}) ${this.activity()}`;
    const hint = signal === 'SIGABRT' ? ` (out of memory? the limit is ${this.memoryMb} MB)` : '';
    return `the stack under test's process was killed by ${signal} ${this.activity()}${hint}`;
  }

  /** End the process for good with `reason` (the first reason stands); every waiting request gets it. */
  private fail(reason: string): void {
    if (this.lost) return;
    this.lost = lostReply(reason);
    this.watchdog.stop();
    clearTimeout(this.idleTimer);
    clearTimeout(this.asideTimer);
    this.child.kill('SIGKILL');
    const waiting = this.pending.slice(this.head);
    this.pending = [];
    this.head = 0;
    for (const request of waiting) request.resolve(this.lost);
  }
}
