/**
 * Flows sharing a dumbbell's bottleneck (harness/testkit/bulk-flows.ts: 10 Mbit/s per flow, a
 * 24 ms round trip, a drop-tail queue of one bandwidth-delay product), started at random moments
 * of their first round trip (drawn from the run's seed), run for 10 round trips, then measured
 * over 100: how busy they keep the bottleneck, and how fairly they share it (Jain's index).
 */
import type { CreateKernel } from '../../../../harness/contract';
import { Rng } from '../../../../harness/sim/rng';
import type { NetTest } from '../../../../harness/testkit';
import { FLOW_RTT_MS, flowBottleneck, type FlowShares } from '../../../../harness/testkit/bulk-flows';
import { checkCongestionRules } from './congestion-checks';
import type { CongestionSample } from './congestion-samples';
import { withCwndPlot } from './cwnd-plot';
import { runMeasuredFlows } from './measured-flows';

const WARM_UP_RTTS = 10;
const MEASURED_RTTS = 100;
/** How often the first flow's tcpInfo is read: six times a round trip. */
const SAMPLE_MS = 4;

/** A flow: who sends, who receives, and its name in messages. */
export interface FlowSpec {
  readonly sender: CreateKernel;
  readonly receiver: CreateKernel;
  readonly name: string;
}

export interface BottleneckRun extends FlowShares {
  readonly flows: readonly FlowSpec[];
  readonly bottleneckBps: number;
  /** The first flow's tcpInfo readings. */
  readonly samples: readonly CongestionSample[];
}

/** Run `flows` across the bottleneck sized for them. */
export async function runBottleneck(t: NetTest, flows: readonly FlowSpec[]): Promise<BottleneckRun> {
  const bottleneck = flowBottleneck(flows.length);
  const net = t.dumbbell({ left: flows.map((f) => f.sender), right: flows.map((f) => f.receiver), bottleneck });
  const starts = new Rng(t.seed).fork('flow starts');
  const run = await runMeasuredFlows(net, {
    startsMs: flows.map(() => starts.next() * FLOW_RTT_MS),
    sampleMs: SAMPLE_MS,
    warmUpMs: WARM_UP_RTTS * FLOW_RTT_MS,
    measuredMs: MEASURED_RTTS * FLOW_RTT_MS,
    bottleneckBps: bottleneck.rateBps,
  });
  return { ...run, flows, bottleneckBps: bottleneck.rateBps };
}

function mbps(bytes: number): string {
  return `${((bytes * 8) / ((MEASURED_RTTS * FLOW_RTT_MS) / 1000) / 1e6).toFixed(2)} Mbit/s`;
}

/** Each flow's goodput, for messages. */
export function describeShares(run: BottleneckRun): string {
  return run.flows.map((flow, i) => `${flow.name}: ${mbps(run.shares[i]!)}`).join(', ');
}

/** The first flow keeps the rules of congestion control (its cwnd plotted if not), and `check` holds. */
export function expectBottleneck(run: BottleneckRun, check: () => void): void {
  const title = `cwnd of ${run.flows[0]!.name}, ${run.flows.length} flow(s) at a ${run.bottleneckBps / 1e6} Mbit/s bottleneck, ${FLOW_RTT_MS} ms RTT`;
  withCwndPlot(run.samples, title, () => {
    checkCongestionRules(run.samples, FLOW_RTT_MS);
    check();
  });
}

/** The flows keep the bottleneck at least `least` busy. */
export function expectUtilization(run: BottleneckRun, least: number): void {
  expectBottleneck(run, () => {
    if (run.utilization < least) {
      throw new Error(`the flows must keep the ${run.bottleneckBps / 1e6} Mbit/s bottleneck at least ${least * 100}% busy over ${MEASURED_RTTS} round trips, but they used ${(run.utilization * 100).toFixed(1)}% (${describeShares(run)})`);
    }
  });
}

/** The flows share the bottleneck with Jain's fairness index at least `least`. */
export function expectFairness(run: BottleneckRun, least: number): void {
  expectBottleneck(run, () => {
    if (run.fairness < least) {
      throw new Error(`${run.flows.length} flows must share the bottleneck fairly over ${MEASURED_RTTS} round trips (Jain's index at least ${least}), but the index was ${run.fairness.toFixed(3)}: ${describeShares(run)}`);
    }
  });
}

/** Each flow gets at least half of what each other flow gets. */
export function expectEachAtLeastHalf(run: BottleneckRun): void {
  expectBottleneck(run, () => {
    const least = Math.min(...run.shares);
    const most = Math.max(...run.shares);
    if (least < most / 2) {
      throw new Error(`flows sharing a bottleneck must each get at least half of what the other gets over ${MEASURED_RTTS} round trips, but: ${describeShares(run)}`);
    }
  });
}
