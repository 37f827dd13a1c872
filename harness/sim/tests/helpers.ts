/**
 * Helpers of the simulator's own tests: driving many packets through a link quickly, and
 * statistical bounds that do not flake for a fixed seed but still catch a mis-set rate.
 */
import type { Link } from '../link';
import type { LinkEvent } from '../link-events';
import type { Simulator } from '../simulator';

/** A closed interval. */
export interface Bounds {
  readonly lo: number;
  readonly hi: number;
}

/** Mean ± k standard deviations. */
export function around(mean: number, sd: number, k = 4): Bounds {
  return { lo: mean - k * sd, hi: mean + k * sd };
}

/** Bounds on the number of successes in `n` trials of probability `p`: ±4 standard deviations. */
export function binomial(n: number, p: number): Bounds {
  return around(n * p, Math.sqrt(n * p * (1 - p)));
}

export function within(value: number, bounds: Bounds): boolean {
  return value >= bounds.lo && value <= bounds.hi;
}

/**
 * Expect `value` within `bounds`, and outside `misSet`: the bounds the test would have if the
 * rate were set wrong, which shows the test could fail.
 */
export function expectRate(value: number, bounds: Bounds, misSet: readonly Bounds[]): void {
  expect({ value, within: within(value, bounds) }).toEqual({ value, within: true });
  for (const wrong of misSet) expect({ value, wrong, within: within(value, wrong) }).toEqual({ value, wrong, within: false });
}

/** A 100-byte packet that says its number in bytes 4–7 (big-endian). */
export function numbered(i: number): Uint8Array {
  const packet = new Uint8Array(100);
  packet[4] = i >>> 24;
  packet[5] = i >>> 16;
  packet[6] = i >>> 8;
  packet[7] = i;
  return packet;
}

/** The number a {@link numbered} packet carries. */
export function numberOf(packet: Uint8Array): number {
  return ((packet[4]! << 24) | (packet[5]! << 16) | (packet[6]! << 8) | packet[7]!) >>> 0;
}

/**
 * Send `count` packets into `link`, one every `spacingUs` from now, and run the simulation until
 * every one is delivered or dropped. One program sleeps through it all, so the driver runs the
 * events back to back (fast), instead of waking a program at each.
 */
export async function pump(sim: Simulator, link: Link, count: number, spacingUs: number, packetOf = numbered): Promise<void> {
  let sent = 0;
  const sendNext = (): void => {
    link.deliver(packetOf(sent++));
    if (sent < count) sim.after(spacingUs, 'pump', sendNext);
  };
  sendNext();
  await sim.sleep((count * spacingUs) / 1000);
  await sim.drain();
}

/** Record a link's events. */
export function record(link: Link): LinkEvent[] {
  const events: LinkEvent[] = [];
  link.tap((event) => void events.push(event));
  return events;
}

/** A sink that counts and keeps what reaches it. */
export function sink(sim: Simulator): { readonly arrivals: { timeUs: number; packet: Uint8Array }[]; deliver(packet: Uint8Array, inTurn?: () => void): void } {
  const arrivals: { timeUs: number; packet: Uint8Array }[] = [];
  return {
    arrivals,
    deliver: (packet, inTurn) => {
      inTurn?.();
      arrivals.push({ timeUs: sim.nowUs, packet });
    },
  };
}
