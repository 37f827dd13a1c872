/**
 * Simulator events per second through the real driver: packets bouncing between two links (each
 * delivery an event) mixed with timers that re-arm themselves, as a TCP run mixes segments and
 * retransmission timers. One program sleeps through the whole run, as a test's program does.
 */
import { Link } from '../harness/sim/link';
import type { PacketSink } from '../harness/sim/packet-sink';
import { Simulator } from '../harness/sim/simulator';
import type { Benchmark } from './benchmark';

const VIRTUAL_MS = 2_000;
const PACKETS_IN_FLIGHT = 20;
const TIMERS = 20;
const TIMER_PERIOD_US = 1_000;

/** An end that sends every packet it receives straight back, so packets circulate for ever. */
class Bounce implements PacketSink {
  back: PacketSink | undefined;

  deliver(packet: Uint8Array, inTurn?: () => void): void {
    inTurn?.();
    this.back?.deliver(packet);
  }
}

export const simEvents: Benchmark = {
  figure: 'sim.events_per_second',
  unit: 'events/s',
  async run() {
    const sim = new Simulator({ seed: 1 });
    const a = new Bounce();
    const b = new Bounce();
    const ab = new Link(sim, 'a→b', b, { rateBps: 100e6, delayUs: 500 });
    a.back = ab;
    b.back = new Link(sim, 'b→a', a, { rateBps: 100e6, delayUs: 500 });
    for (let i = 0; i < PACKETS_IN_FLIGHT; i++) ab.deliver(new Uint8Array(1500));
    for (let i = 0; i < TIMERS; i++) {
      const fire = (): void => void sim.after(TIMER_PERIOD_US + i, 'timer', fire);
      sim.after(i, 'timer', fire);
    }
    await sim.sleep(VIRTUAL_MS);
    return sim.eventCount;
  },
};
