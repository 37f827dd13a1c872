/**
 * The discrete-event simulator: a virtual clock in integer microseconds, an event queue, and a
 * driver that advances time only while some program is blocked.
 *
 * Programs (test code, demo apps) are ordinary async functions. When one blocks — a read with
 * nothing to read, a sleep — it registers a waiter with {@link Simulator.block}; the driver then
 * lets every running program reach its next blocking point ("settles"), and only then pops the
 * next event and moves the clock. If no event is left while programs wait, they all fail at once
 * with a {@link DeadlockError}: a test never hangs.
 */
import { DeadlockError, TimeLimitError } from './errors';
import { EventQueue, type DueEvent, type ScheduledEvent } from './event-queue';
import { Rng } from './rng';

/** How long a run may go on in virtual time unless a test says otherwise: one hour. */
export const DEFAULT_TIME_LIMIT_US = 3_600_000_000;

export interface SimulatorOptions {
  /** The seed of every random choice in the run. */
  readonly seed: number;
  /** Virtual time after which waiting programs fail with TimeLimitError (µs). */
  readonly timeLimitUs?: number;
  /**
   * How many calls the programs of one host may make at one instant before the run fails with
   * LivelockError (default {@link DEFAULT_MAX_CALLS_PER_INSTANT}).
   */
  readonly maxCallsPerInstant?: number;
}

/**
 * Far above any test's calls at one instant (16,384 binds, 4,097 connections), and reached in
 * seconds by a loop that never waits.
 */
export const DEFAULT_MAX_CALLS_PER_INSTANT = 1_000_000;

/** Why a blocked program resumed. */
export type WakeReason = 'woken' | 'timeout';

interface Waiter {
  readonly description: string;
  readonly signals: readonly Signal[];
  readonly resolve: (reason: WakeReason) => void;
  readonly reject: (error: Error) => void;
  timer?: ScheduledEvent;
}

/** Something programs can wait for; `notify()` wakes every program waiting on it. */
export class Signal {
  /** Bumped on every notify, so a program can tell whether it missed one while it was busy. */
  version = 0;
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly sim: Simulator) {}

  notify(): void {
    this.version++;
    for (const waiter of [...this.waiters]) this.sim.wake(waiter, 'woken');
  }

  /** @internal used by the simulator to (un)register waiters. */
  add(waiter: Waiter): void {
    this.waiters.add(waiter);
  }

  /** @internal */
  remove(waiter: Waiter): void {
    this.waiters.delete(waiter);
  }
}

/** A promise that never settles: what a program of a halted run waits on. */
export function abandoned<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

export class Simulator {
  readonly rng: Rng;
  readonly seed: number;
  readonly timeLimitUs: number;
  readonly maxCallsPerInstant: number;
  private clockUs = 0;
  private eventsRun = 0;
  private readonly queue = new EventQueue();
  private readonly waiters = new Set<Waiter>();
  private readonly inflight = new Set<Promise<unknown>>();
  private driving = false;
  private wokeSinceSettle = false;
  private failure: Error | undefined;
  private stopped = false;

  constructor(options: SimulatorOptions) {
    this.seed = options.seed;
    this.rng = new Rng(options.seed);
    this.timeLimitUs = options.timeLimitUs ?? DEFAULT_TIME_LIMIT_US;
    this.maxCallsPerInstant = options.maxCallsPerInstant ?? DEFAULT_MAX_CALLS_PER_INSTANT;
  }

  /** Virtual time in integer microseconds. */
  get nowUs(): number {
    return this.clockUs;
  }

  /** Virtual time in milliseconds, as kernels see it. */
  get nowMs(): number {
    return this.clockUs / 1000;
  }

  /** How many events have run so far (a cost measure for benchmarks). */
  get eventCount(): number {
    return this.eventsRun;
  }

  /** How many events are scheduled and not yet run. */
  get pendingEvents(): number {
    return this.queue.size;
  }

  /** Run `action` at absolute virtual time `atUs` (not before now). */
  at(atUs: number, label: string, action: () => void | Promise<void>): ScheduledEvent {
    return this.queue.push(Math.max(atUs, this.clockUs), label, action);
  }

  /**
   * Run `action`, the arrival of a packet, at absolute virtual time `atUs` (not before now).
   * Arrivals at one instant are handed over together, before any program they wake runs: as a
   * network card hands the kernel every packet it has before the woken threads get the CPU. So a
   * program woken by the first of them sees the others too (an epoll_wait then reports every
   * connection they made ready, not only the first), and a kernel in its own process gets them all
   * in one message. Other events (timers, timeouts) still run one at a time.
   */
  arrival(atUs: number, label: string, action: () => void | Promise<void>): ScheduledEvent {
    return this.queue.push(Math.max(atUs, this.clockUs), label, action, true);
  }

  /** Run `action` `delayUs` microseconds from now. */
  after(delayUs: number, label: string, action: () => void | Promise<void>): ScheduledEvent {
    return this.at(this.clockUs + Math.max(0, Math.round(delayUs)), label, action);
  }

  /** A new signal that programs can block on. */
  signal(): Signal {
    return new Signal(this);
  }

  /**
   * Count `work` as a running program until it settles, so that the driver does not move the
   * clock underneath it (a kernel in another process answers after a real delay).
   */
  track<T>(work: Promise<T>): Promise<T> {
    this.inflight.add(work);
    const done = (): void => {
      this.inflight.delete(work);
    };
    work.then(done, done);
    return work;
  }

  /**
   * Block the calling program until one of `signals` is notified, or `timeoutUs` passes.
   * `description` names the wait in deadlock reports, e.g. `recv(fd 4) on 10.0.0.2`.
   */
  block(description: string, signals: readonly Signal[], timeoutUs?: number): Promise<WakeReason> {
    if (this.stopped) return abandoned();
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<WakeReason>((resolve, reject) => {
      const waiter: Waiter = { description, signals, resolve, reject };
      if (timeoutUs !== undefined) {
        waiter.timer = this.after(timeoutUs, `timeout of ${description}`, () => this.wake(waiter, 'timeout'));
      }
      for (const signal of signals) signal.add(waiter);
      this.waiters.add(waiter);
      this.ensureDriving();
    });
  }

  /** Let virtual time pass: the calling program sleeps for `ms`. */
  async sleep(ms: number, description = `sleep(${ms} ms)`): Promise<void> {
    await this.block(description, [], Math.round(ms * 1000));
  }

  /** Run every scheduled event (up to the time limit), e.g. to let connections finish closing. */
  async drain(): Promise<void> {
    for (let next = this.queue.peekTime(); next !== undefined; next = this.queue.peekTime()) {
      if (next > this.timeLimitUs) return;
      await this.block('drain()', [], next - this.clockUs);
    }
  }

  /**
   * Stop the run: every waiting program, and every later block, fails with `error`.
   * Used when a kernel breaks its contract (throws from receive or tick).
   */
  fail(error: Error): void {
    this.failure ??= error;
    this.failWaiters(this.failure);
  }

  /**
   * End the run for good, waking no one: the programs still waiting (a test that failed left them)
   * are abandoned where they stand, as is any that would wait later. Nothing runs after this, so
   * the kernels can be released without anything noticing.
   */
  halt(): void {
    this.stopped = true;
    for (const waiter of [...this.waiters]) this.release(waiter);
  }

  /** True once {@link halt} has ended the run. */
  get halted(): boolean {
    return this.stopped;
  }

  /** The error that stopped the run, if any. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /** @internal resume one waiter (from a signal or its timeout). */
  wake(waiter: Waiter, reason: WakeReason): void {
    if (!this.release(waiter)) return;
    this.wokeSinceSettle = true;
    waiter.resolve(reason);
  }

  private release(waiter: Waiter): boolean {
    if (!this.waiters.delete(waiter)) return false;
    waiter.timer?.cancel();
    for (const signal of waiter.signals) signal.remove(waiter);
    return true;
  }

  private failWaiters(error: Error): void {
    for (const waiter of [...this.waiters]) {
      this.release(waiter);
      waiter.reject(error);
    }
  }

  private ensureDriving(): void {
    if (this.driving) return;
    this.driving = true;
    // Other programs may still be running towards their first blocking call: let them, first.
    this.wokeSinceSettle = true;
    void this.drive();
  }

  /** The one loop that moves virtual time. Runs while any program waits. */
  private async drive(): Promise<void> {
    try {
      for (;;) {
        // Awaiting costs a turn of the event loop: only when a program may run, or an event is async.
        if (this.wokeSinceSettle || this.inflight.size > 0) await this.settle();
        if (this.waiters.size === 0 || this.failure || this.stopped) break;
        const next = this.queue.peekTime();
        if (next === undefined) {
          this.failWaiters(new DeadlockError(this.waiting(), this.clockUs, this.seed));
          break;
        }
        if (next > this.timeLimitUs) {
          this.fail(new TimeLimitError(this.waiting(), this.timeLimitUs, this.seed));
          break;
        }
        const event = this.queue.pop()!;
        this.clockUs = event.atUs;
        const pending = this.run(event);
        if (pending) await pending;
      }
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
    this.driving = false;
  }

  /**
   * Run `event`, and the arrivals at its instant with it if it is one (see {@link arrival});
   * a promise only when one of them is asynchronous, so that a synchronous event costs no await.
   */
  private run(event: DueEvent): void | Promise<void> {
    this.eventsRun++;
    const pending = event.run();
    if (!event.together) return pending;
    const all = pending ? [pending] : [];
    for (let next = this.queue.popTogether(this.clockUs); next; next = this.queue.popTogether(this.clockUs)) {
      this.eventsRun++;
      const more = next.run();
      if (more) all.push(more);
    }
    return all.length === 0 ? undefined : Promise.all(all).then(() => undefined);
  }

  private waiting(): string[] {
    return [...this.waiters].map((waiter) => waiter.description);
  }

  /**
   * Let every program that was woken run up to its next blocking point. Programs continue in
   * microtasks and may await kernels in other processes, so wait until nothing is in flight.
   */
  private async settle(): Promise<void> {
    do {
      this.wokeSinceSettle = false;
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.inflight.size > 0) {
        await Promise.allSettled([...this.inflight]);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } while (this.wokeSinceSettle);
  }
}
