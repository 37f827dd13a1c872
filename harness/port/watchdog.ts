/**
 * The timer of a kernel process's oldest unanswered request (see kernel-server.ts): it goes off
 * when the request outlives its wall-clock limit, or has run its CPU limit in the process.
 *
 * Every hung call of a stack costs its test the time until the watchdog goes off, and a
 * milestone's worth of them can add up to its wall-time limit. Wall-clock time must stay generous,
 * since a busy machine stretches every call; CPU time is not stretched by load, so its limit can
 * be short. A loop is caught once it has run that long on a core.
 *
 * Most requests are answered within a millisecond, so the watchdog reads the process's CPU time
 * only once a request is {@link FIRST_LOOK_MS} old, and counts from there. And it decides only
 * after the judge has read what the process sent: a judge that was busy itself (a long
 * synchronous test step, its own garbage collection) finds its timer overdue, and the reply may
 * then be waiting, unread, on the channel.
 */
import { cpuTimeMs } from './cpu-clock';
import type { Overrun, RequestLimit } from './watch';

/** How old a request is when the watchdog first reads the process's CPU time, in ms. */
const FIRST_LOOK_MS = 50;

export class Watchdog {
  private timer: NodeJS.Timeout | undefined;
  /** Bumped at every start and stop, so that a look scheduled for an earlier request does nothing. */
  private window = 0;

  /** Watch the process `pid` (none: wall-clock time only); `overrun` is called when a limit is passed. */
  constructor(
    private readonly pid: number | undefined,
    private readonly overrun: (how: Overrun) => void,
  ) {}

  /** Time a new oldest request, from now. */
  start(limit: RequestLimit): void {
    this.stop();
    const window = this.window;
    const started = performance.now();
    const pid = limit.cpuMs === undefined ? undefined : this.pid;
    let cpuAtFirstLook: number | undefined;
    const look = (): void => {
      const elapsed = performance.now() - started;
      if (elapsed >= limit.wallMs) return this.overrun('wall');
      let next = limit.wallMs - elapsed;
      const cpu = pid === undefined ? undefined : cpuTimeMs(pid);
      if (cpu !== undefined && limit.cpuMs !== undefined) {
        cpuAtFirstLook ??= cpu;
        const ran = cpu - cpuAtFirstLook;
        if (ran >= limit.cpuMs) return this.overrun('cpu');
        // The soonest the limit can be reached: at one full core.
        next = Math.min(next, limit.cpuMs - ran);
      }
      this.after(window, next, look);
    };
    this.after(window, pid === undefined ? limit.wallMs : Math.min(FIRST_LOOK_MS, limit.wallMs), look);
  }

  /** No request is waiting. */
  stop(): void {
    clearTimeout(this.timer);
    this.window++;
  }

  /** Run `look` in `ms`, after whatever the channel holds by then has been read. */
  private after(window: number, ms: number, look: () => void): void {
    this.timer = setTimeout(() => {
      // Timers run before the channel is read; immediates, after.
      setImmediate(() => {
        if (window === this.window) look();
      });
    }, Math.max(1, ms));
  }
}
