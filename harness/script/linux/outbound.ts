/**
 * The packets Linux sent, waiting for the script runner, and the real-time meaning of
 * `nextOutbound(untilUs)`: the next packet stamped by `untilUs`, or none once the clock has
 * reached `untilUs` — and reaching it includes asking the agent for everything Linux queued on the
 * TUN device by then (a flush), so that a packet sent just before the deadline, still on its way
 * to the harness, is not taken for missing.
 *
 * Packets come in the order the agent read them, which is the order of their stamps.
 */
import type { Outbound } from '../backend';
import type { WallClock } from '../../phy/tun/wall-clock';

/** How long a line that takes a packet at any time (`*`) waits before the run fails: real time is not free. */
const ANY_TIME_LIMIT_US = 30_000_000;

/** A packet Linux sent, and when the agent read it (CLOCK_MONOTONIC, µs). */
interface Stamped {
  readonly stampUs: number;
  readonly packet: Uint8Array;
}

export class OutboundQueue {
  private readonly packets: Stamped[] = [];
  private failure: Error | undefined;
  private wake: () => void = () => undefined;

  constructor(
    private readonly clock: WallClock,
    /** Resolves once every packet Linux has queued so far has been pushed. */
    private readonly flush: () => Promise<void>,
  ) {}

  /** A packet Linux sent. */
  push(packet: Uint8Array, stampUs: number): void {
    this.packets.push({ stampUs, packet });
    this.wake();
  }

  /** The run cannot go on: whoever waits for a packet is told why. */
  fail(error: Error): void {
    this.failure ??= error;
    this.wake();
  }

  /** See the file comment; `Infinity` waits for a packet, up to {@link ANY_TIME_LIMIT_US}. */
  async next(untilUs: number): Promise<Outbound | undefined> {
    const limitUs = Number.isFinite(untilUs) ? untilUs : this.clock.nowUs() + ANY_TIME_LIMIT_US;
    for (;;) {
      const head = this.packets[0];
      if (head) {
        const timeUs = this.clock.fromMonotonic(head.stampUs);
        // A packet stamped after the deadline means the clock has passed it: nothing earlier can come.
        if (timeUs > untilUs) return undefined;
        this.packets.shift();
        return { timeUs, packet: head.packet };
      }
      if (this.failure) throw this.failure;
      if (this.clock.nowUs() >= limitUs) {
        await this.flush();
        if (this.packets[0]) continue;
        if (Number.isFinite(untilUs)) return undefined;
        throw new Error(`no packet came from Linux within ${ANY_TIME_LIMIT_US / 1e6} s`);
      }
      await this.clock.waitUntil(limitUs, new Promise((resolve) => (this.wake = resolve)));
    }
  }
}
