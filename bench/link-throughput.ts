/**
 * Packets per second through one link with every impairment on, a finite rate and a bounded
 * queue — the per-packet cost of the link itself (judging, queueing, copying, tapping), with the
 * driver around it.
 */
import { Link } from '../harness/sim/link';
import { Simulator } from '../harness/sim/simulator';
import { Trace } from '../harness/sim/trace';
import type { Benchmark } from './benchmark';

const PACKETS = 100_000;
/** One packet every 12 µs keeps a 1 Gbit/s link busy with 1500-byte packets, with a queue. */
const SPACING_US = 12;

export const linkThroughput: Benchmark = {
  figure: 'link.packets_per_second',
  unit: 'packets/s',
  async run() {
    const sim = new Simulator({ seed: 1 });
    const link = new Link(sim, 'impaired', { deliver: () => undefined }, {
      rateBps: 1e9,
      delayUs: 1_000,
      queue: { packets: 100 },
      impairments: {
        loss: 0.01,
        burstLoss: { goodToBad: 0.001, badToGood: 0.3 },
        reorder: { probability: 0.01, delayUs: 100 },
        duplicate: { probability: 0.01 },
        corrupt: 0.01,
      },
    });
    new Trace().watch(link);
    const packet = new Uint8Array(1500);
    let sent = 0;
    const sendNext = (): void => {
      link.deliver(packet);
      if (++sent < PACKETS) sim.after(SPACING_US, 'send', sendNext);
    };
    sendNext();
    await sim.sleep((PACKETS * SPACING_US) / 1000 + 10);
    return link.counters().sent;
  },
};
