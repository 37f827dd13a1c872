/**
 * A host on the simulated network: one kernel behind a port, its link, and its timer.
 *
 * The host is where virtual time meets the kernel: it hands arriving packets to `receive`,
 * calls `tick` when the kernel's deadline comes, forwards every transmitted packet to its link,
 * and wakes the programs blocked on this host after anything that may have changed the kernel.
 */
import type { Fd, Kernel, Syscall } from '../contract';
import { describeCall, fromPortError, KernelCrash, type KernelPort, type Reply } from '../port';
import type { PacketSink } from './packet-sink';
import type { ScheduledEvent } from './event-queue';
import { abandoned, type Signal, type Simulator } from './simulator';
import { formatTime, LivelockError } from './errors';

/**
 * Calls that only report: no program waits on what they return. (getsockopt is not one: reading
 * SO_ERROR clears it, and poll is what a program waiting on readiness asks.)
 */
const READS_ONLY: ReadonlySet<Syscall> = new Set(['tcpInfo', 'counters', 'getsockname', 'getpeername']);
/** The reads a test may make aside (Host.readAside). */
type AsideRead = 'counters' | 'tcpInfo';

/** How often a kernel may ask for tick() at one instant before it counts as looping. */
const MAX_TICKS_PER_INSTANT = 1000;

export class Host implements PacketSink {
  /** Notified after every call into the kernel: a blocked program should try again. */
  readonly activity: Signal;
  private link: PacketSink | undefined;
  private timer: ScheduledEvent | undefined;
  private readonly ticks = new PerInstant();
  private readonly calls = new PerInstant();
  /** Settles once the effects of every request made so far are applied (see {@link inOrder}). */
  private lastApplied: Promise<unknown> = Promise.resolve();

  constructor(
    readonly sim: Simulator,
    /** A short name for reports, e.g. `client`. */
    readonly name: string,
    /** The host's IPv4 address, as its kernel was told. */
    readonly address: string,
    private readonly port: KernelPort,
  ) {
    this.activity = sim.signal();
  }

  /** Where this host's transmitted packets go: its link, or a router. */
  attach(link: PacketSink): void {
    this.link = link;
  }

  /** A packet arrives from the link; `inTurn` is told when what came before it has gone out (see PacketSink). */
  deliver(packet: Uint8Array, inTurn?: () => void): Promise<void> {
    return this.linkSide('receive()', this.port.receive(this.sim.nowMs, packet), inTurn);
  }

  /**
   * Call one syscall on this host's kernel; errors come back as SocketError, NotImplemented or
   * KernelCrash. The programs waiting on this host are woken after it, unless it would have
   * blocked (EAGAIN) or only reads what the kernel reports of itself: such a call changed
   * nothing. Two programs waiting on one host would otherwise wake each other forever, each
   * failed attempt news to the other, and a program sampling tcpInfo every few ms would wake a
   * blocked sender into a call that blocks again.
   */
  async syscall<M extends Syscall>(method: M, ...args: Parameters<Kernel[M]>): Promise<ReturnType<Kernel[M]>> {
    const reply = await this.programCall(this.port.call(this.sim.nowMs, method, args));
    if (!READS_ONLY.has(method) && !wouldHaveBlocked(reply)) this.activity.notify();
    if (!reply.outcome.ok) throw fromPortError(reply.outcome.error, `${describeCall(method, args)} on ${this.name}`);
    return reply.outcome.value as ReturnType<Kernel[M]>;
  }

  /**
   * A blocking send's attempts at this instant (KernelPort.repeatSend): `send(fd, data)` again with
   * what is left while a call takes only part of it. Resolves to the bytes taken (the sum of what
   * the calls returned) and whether the last call would have blocked; throws its error otherwise.
   */
  async repeatSend(fd: Fd, data: Uint8Array): Promise<{ readonly sent: number; readonly blocked: boolean }> {
    const reply = await this.programCall(this.port.repeatSend(this.sim.nowMs, fd, data));
    const took = (reply.took ?? []).reduce((sum, bytes) => sum + bytes, 0);
    const blocked = wouldHaveBlocked(reply);
    if (took > 0 || !blocked) this.activity.notify();
    if (blocked) return { sent: took, blocked };
    if (!reply.outcome.ok) throw fromPortError(reply.outcome.error, `${describeCall('send', [fd, data])} on ${this.name}`);
    return { sent: took + (reply.outcome.value as number), blocked };
  }

  /** A program's request, its reply once its effects are applied; a run that has ended abandons the program. */
  private async programCall(request: Promise<Reply>): Promise<Reply> {
    this.countCall();
    const reply = await this.sim.track(this.inOrder(request));
    // The run has ended (and its kernels are released): the program making the call ends with it.
    if (this.sim.halted) return abandoned();
    return reply;
  }

  /**
   * The kernel's counters, or a socket's tcpInfo, read aside: nothing waits for them. Reading
   * changes nothing, so the clock is not held for the reply, no program is woken by it and its
   * effects are not applied; a kernel in its own process then gets the request in the message of
   * whatever it is told next, rather than in a round trip of its own. It reads the kernel as it is
   * now all the same, since nothing reaches the kernel before it.
   */
  async readAside<M extends AsideRead>(method: M, ...args: Parameters<Kernel[M]>): Promise<unknown> {
    const reply = await this.port.call(this.sim.nowMs, method, args, true);
    if (!reply.outcome.ok) throw fromPortError(reply.outcome.error, `${describeCall(method, args)} on ${this.name}`);
    return reply.outcome.value;
  }

  /** A loop that never waits would hold virtual time still forever (and, in this process, starve every timer): fail the run instead. */
  private countCall(): void {
    const now = this.sim.nowUs;
    const calls = this.calls.count(now);
    if (calls <= this.sim.maxCallsPerInstant) return;
    const error = new LivelockError(this.name, calls - 1, now, this.sim.seed);
    this.sim.fail(error);
    throw error;
  }

  /** Release the kernel behind this host. */
  dispose(): Promise<void> {
    this.timer?.cancel();
    return this.port.dispose();
  }

  private async tick(): Promise<void> {
    const now = this.sim.nowUs;
    if (this.ticks.count(now) > MAX_TICKS_PER_INSTANT) {
      this.sim.fail(
        new KernelCrash(
          `the stack under test on ${this.name} asked for tick() ${MAX_TICKS_PER_INSTANT} times at t=${formatTime(now)}: ` +
            'after tick(), nextDeadline() must be later than now (or undefined)',
        ),
      );
      return;
    }
    await this.linkSide('tick()', this.port.tick(this.sim.nowMs));
  }

  /**
   * Hand the kernel a packet or its deadline. The programs waiting on this host may try again at
   * once: their calls reach the kernel after this one, so they see what it changed, and a kernel in
   * its own process gets them in the same message. receive() and tick() must never throw: if one
   * does, the run stops with the reason.
   */
  private async linkSide(call: string, request: Promise<Reply>, inTurn?: () => void): Promise<void> {
    const applied = this.inOrder(request, inTurn);
    this.activity.notify();
    const reply = await applied;
    if (!reply.outcome.ok) {
      const error = fromPortError(reply.outcome.error, `${call} on ${this.name}`);
      // The starter's stubs throw NotImplemented from receive(), and a lost kernel process says
      // why itself: only an exception the kernel threw breaks the rule named here.
      this.sim.fail(
        reply.outcome.error.kind === 'crash' ? new KernelCrash(`${error.message} (receive() and tick() must never throw)`, error.stack) : error,
      );
    }
  }

  /**
   * `request`'s reply once its effects are applied: its packets handed to the link, its deadline
   * set. Effects are applied in the order the requests were made, whatever order the replies
   * settle in, so that a program woken early cannot put its packets on the link before those of
   * the packet that woke it. `inTurn` is called when the effects of the requests before are applied.
   */
  private inOrder(request: Promise<Reply>, inTurn?: () => void): Promise<Reply> {
    const applied = this.lastApplied
      .then(() => {
        inTurn?.();
        return request;
      })
      .then(async (reply) => {
        // A run that has ended has released its kernels and links: nothing more goes out.
        if (!this.sim.halted) await this.apply(reply);
        return reply;
      });
    this.lastApplied = applied.then(ignore, ignore);
    return applied;
  }

  private async apply(reply: Reply): Promise<void> {
    for (const packet of reply.transmitted) {
      if (!this.link) throw new Error(`host ${this.name} transmitted a packet but is attached to no link`);
      await this.link.deliver(packet);
    }
    this.schedule(reply.nextDeadline);
  }

  private schedule(deadlineMs: number | undefined): void {
    const atUs = deadlineMs === undefined || !Number.isFinite(deadlineMs) ? undefined : Math.max(tickTimeUs(deadlineMs), this.sim.nowUs);
    if (this.timer && !this.timer.cancelled && this.timer.atUs === atUs) return;
    this.timer?.cancel();
    this.timer = atUs === undefined ? undefined : this.sim.at(atUs, `tick ${this.name}`, () => this.tick());
  }
}

/** How many times something happened at the current instant: a loop that holds time still shows as a count that keeps growing. */
class PerInstant {
  private atUs = -1;
  private times = 0;

  /** Count one more at `nowUs`; returns how many there have been at it. */
  count(nowUs: number): number {
    this.times = nowUs === this.atUs ? this.times + 1 : 1;
    this.atUs = nowUs;
    return this.times;
  }
}

function ignore(): void {}

function wouldHaveBlocked(reply: Reply): boolean {
  return !reply.outcome.ok && reply.outcome.error.kind === 'socket' && reply.outcome.error.errno === 'EAGAIN';
}

/**
 * The first whole µs at which env.now() (µs / 1000) has reached `deadlineMs`. Rounding up the
 * product is not enough: a deadline a hair above a whole µs (a fractional RTO's sum, say
 * 438.76800000000003 ms) can multiply to exactly 438768, whose now() is still below it, and the
 * kernel would be ticked at that instant forever.
 */
export function tickTimeUs(deadlineMs: number): number {
  const atUs = Math.ceil(deadlineMs * 1000);
  return atUs / 1000 < deadlineMs ? atUs + 1 : atUs;
}
