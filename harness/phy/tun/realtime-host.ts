/**
 * A socklab kernel on the wall clock: the real-time driver of the TUN bridge. It reaches the
 * kernel through its port (any KernelPort: in this process or in a child), hands it the packets
 * the link delivers (`receive`), puts what it transmits on the link, and calls `tick()` when its
 * `nextDeadline()` comes, on a real timer. `env.now()` is ms since the host started.
 *
 * Calls into the kernel go one at a time, in order: a port serves one request at a time, and a
 * kernel is a synchronous state machine. Programs use the kernel's nonblocking calls and wait for
 * readiness with {@link RealtimeHost.waitFor} or {@link RealtimeHost.epollWait} — the epoll way,
 * which is how a single-threaded server is written anyway.
 */
import { EPOLLERR, EPOLLHUP, type EpollEvent, type Kernel, type Syscall } from '../../contract';
import { describeCall, fromPortError, KernelCrash, type KernelPort, type Reply } from '../../port';

/** Where a host's transmitted packets go. */
export interface PacketOut {
  send(packet: Uint8Array): void;
}

export class RealtimeHost {
  private readonly startMs = performance.now();
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private readonly waiters = new Set<() => void>();
  private broken: Error | undefined;
  private closed = false;

  constructor(
    private readonly port: KernelPort,
    private readonly out: PacketOut,
  ) {}

  /** ms since the host started: the kernel's `env.now()`, as the port is told on every call. */
  nowMs(): number {
    return performance.now() - this.startMs;
  }

  /** Why the kernel stopped (it threw from receive() or tick()), if it did. */
  get failure(): Error | undefined {
    return this.broken;
  }

  /** A packet from the link. */
  receive(packet: Uint8Array): void {
    void this.linkSide('receive()', () => this.port.receive(this.nowMs(), packet));
  }

  /** Call one syscall; errors come back as SocketError, NotImplemented or KernelCrash. */
  async call<M extends Syscall>(method: M, ...args: Parameters<Kernel[M]>): Promise<ReturnType<Kernel[M]>> {
    return this.syscall(method, args, true);
  }

  /**
   * Wait until `fd` is ready for any of `mask` (EPOLLERR and EPOLLHUP always count), re-checking
   * after every change of the kernel; resolves to the readiness, or 0 after `timeoutMs`.
   */
  async waitFor(fd: number, mask: number, timeoutMs = Infinity): Promise<number> {
    return this.recheck(
      timeoutMs,
      async () => (await this.syscall('poll', [fd], false)) & (mask | EPOLLERR | EPOLLHUP),
      (ready) => ready !== 0,
    );
  }

  /**
   * epoll_wait on the wall clock: the ready fds of epoll instance `epfd`, at most `max`, once
   * there are some, re-checking after every change of the kernel; none after `timeoutMs`.
   */
  async epollWait(epfd: number, max: number, timeoutMs = Infinity): Promise<EpollEvent[]> {
    return this.recheck(timeoutMs, () => this.syscall('epollWait', [epfd, max], false), (events) => events.length > 0);
  }

  /** Stop the timer and release the kernel; waiting programs are told. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.fail(new Error('the host was closed'));
    await this.queue;
    await this.port.dispose();
  }

  private async syscall<M extends Syscall>(method: M, args: Parameters<Kernel[M]>, wakes: boolean): Promise<ReturnType<Kernel[M]>> {
    if (this.broken) throw this.broken;
    const reply = await this.serialized(() => this.port.call(this.nowMs(), method, args), wakes);
    if (!reply.outcome.ok) throw fromPortError(reply.outcome.error, describeCall(method, args));
    return reply.outcome.value as ReturnType<Kernel[M]>;
  }

  /**
   * Make `check` until its result is `done`, again after every change of the kernel; its last
   * result once `timeoutMs` has passed. A check (a poll, an epoll_wait) changes nothing, so it
   * wakes no one: were it to wake the waiters, a loop would wake itself at once, forever, in
   * microtasks that starve the event loop of every packet.
   */
  private async recheck<T>(timeoutMs: number, check: () => Promise<T>, done: (result: T) => boolean): Promise<T> {
    const deadline = this.nowMs() + timeoutMs;
    for (;;) {
      const changed = this.nextChange(deadline);
      const result = await check();
      if (done(result) || this.nowMs() >= deadline) return result;
      await changed;
    }
  }

  /** Resolves at the kernel's next change, or at `deadline` (ms), whichever comes first. */
  private nextChange(deadline: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = Number.isFinite(deadline) ? setTimeout(done, Math.max(0, deadline - this.nowMs())) : undefined;
      const waiters = this.waiters;
      function done(): void {
        clearTimeout(timer);
        waiters.delete(done);
        resolve();
      }
      waiters.add(done);
    });
  }

  /** receive() and tick() must never throw: if one does, the host stops with the reason. */
  private async linkSide(call: string, send: () => Promise<Reply>): Promise<void> {
    if (this.broken) return;
    const reply = await this.serialized(send);
    if (!reply.outcome.ok) this.fail(new KernelCrash(`${fromPortError(reply.outcome.error, call).message} (receive() and tick() must never throw)`));
  }

  /** Run one port request after the ones before it, then apply what it caused (waking the waiters if it `wakes`). */
  private serialized(send: () => Promise<Reply>, wakes = true): Promise<Reply> {
    const next = this.queue.then(async () => {
      const reply = await send();
      this.apply(reply, wakes);
      return reply;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private apply(reply: Reply, wakes: boolean): void {
    if (this.closed) return;
    for (const packet of reply.transmitted) this.out.send(packet);
    this.schedule(reply.nextDeadline);
    if (wakes) for (const wake of [...this.waiters]) wake();
  }

  private schedule(deadlineMs: number | undefined): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (deadlineMs === undefined || !Number.isFinite(deadlineMs)) return;
    // Timers may fire a little early: tick only once the deadline has really come.
    this.timer = setTimeout(() => {
      if (this.nowMs() < deadlineMs) this.schedule(deadlineMs);
      else void this.linkSide('tick()', () => this.port.tick(this.nowMs()));
    }, Math.max(0, deadlineMs - this.nowMs()));
  }

  private fail(error: Error): void {
    this.broken ??= error;
    for (const wake of [...this.waiters]) wake();
  }
}
