/**
 * Real time for the TUN bridge: µs since a start, on the clock the agent stamps packets with
 * (agent/clock.ts), and a wait that ends on time.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { monotonicUs } from './agent/clock';

/** Node's timers may fire a millisecond or more late: wake this long before, and spin the rest. */
const SPIN_US = 1500;

/** A clock that reads µs since it was made. */
export class WallClock {
  /** Its zero, on CLOCK_MONOTONIC (µs). */
  readonly originUs = monotonicUs();

  /** µs since the start. */
  nowUs(): number {
    return monotonicUs() - this.originUs;
  }

  /** A CLOCK_MONOTONIC time (a packet's stamp) on this clock. */
  fromMonotonic(us: number): number {
    return us - this.originUs;
  }

  /**
   * Wait until this clock reads `untilUs`, or until `wake` resolves. Sleeps on a timer, then spins
   * the last stretch on the event loop, so that it ends within tens of µs of its time without
   * keeping a core busy for long.
   */
  async waitUntil(untilUs: number, wake: Promise<void>): Promise<void> {
    let woken = false;
    const woke = wake.then(() => {
      woken = true;
    });
    while (!woken && this.nowUs() < untilUs) {
      const leftUs = untilUs - this.nowUs();
      if (leftUs <= SPIN_US) {
        await nextTurn();
        continue;
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([woke, new Promise<void>((resolve) => (timer = setTimeout(resolve, (leftUs - SPIN_US) / 1000)))]);
      clearTimeout(timer);
    }
  }
}
