/**
 * Four reference flows sharing a dumbbell's bottleneck (40 Mbit/s, 24 ms round trip, a drop-tail
 * queue of one bandwidth-delay product: harness/testkit/bulk-flows.ts), as milestone 4's fairness
 * tests run them:
 *
 * - `sim.dumbbell_speedup`: the virtual seconds of 100 round trips over the wall seconds they took;
 *   its unit says the bottleneck's use and Jain's fairness index of the four flows over those
 *   round trips (after ten for slow start), so that the figure is of congestion control at work.
 */
import { loadSubmission } from '../harness/loader';
import { dumbbell } from '../harness/sim/dumbbell';
import { DEFAULT_SEED } from '../harness/sim/rng';
import { FLOW_RTT_MS, flowBottleneck, measureShares, startBulkFlows } from '../harness/testkit/bulk-flows';
import type { FigureSource } from './figure-source';

const FLOWS = 4;
const BOTTLENECK = flowBottleneck(FLOWS);
const WARM_UP_RTTS = 10;
const MEASURED_RTTS = 100;

async function measureDumbbell(): Promise<{ speedup: number; utilization: number; fairness: number }> {
  const { createKernel } = loadSubmission('reference');
  const hosts = Array.from({ length: FLOWS }, () => ({ createKernel }));
  const net = dumbbell({ seed: DEFAULT_SEED, left: hosts, right: hosts, bottleneck: BOTTLENECK });
  try {
    const flows = await startBulkFlows(net);
    await net.sim.sleep(WARM_UP_RTTS * FLOW_RTT_MS, 'slow start');
    const startedWall = performance.now();
    const { utilization, fairness } = await measureShares(net, flows, MEASURED_RTTS * FLOW_RTT_MS, BOTTLENECK.rateBps);
    const wallSeconds = (performance.now() - startedWall) / 1000;
    const failure = flows.failure();
    if (failure) throw new Error(`the benchmark's flows failed: ${failure}`);
    return { speedup: (MEASURED_RTTS * FLOW_RTT_MS) / 1000 / wallSeconds, utilization, fairness };
  } finally {
    net.sim.halt();
    await Promise.all([...net.left, ...net.right].map((host) => host.dispose()));
  }
}

export const dumbbellSpeedup: FigureSource = {
  figure: 'sim.dumbbell_speedup',
  async measure() {
    const { speedup, utilization, fairness } = await measureDumbbell();
    return {
      figure: this.figure,
      value: Number(speedup.toFixed(1)),
      unit: `virtual/wall seconds, ${FLOWS} reference flows at a ${BOTTLENECK.rateBps / 1e6} Mbit/s bottleneck, ${FLOW_RTT_MS} ms RTT, queue ${BOTTLENECK.queue?.packets} packets, ${MEASURED_RTTS} RTTs (goodput ${(100 * utilization).toFixed(1)}% of the bottleneck, Jain fairness ${fairness.toFixed(3)})`,
    };
  },
};
