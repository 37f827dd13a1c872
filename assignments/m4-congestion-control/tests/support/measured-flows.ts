/**
 * Bulk flows run as every congestion test runs them: started, the first sender's tcpInfo read
 * throughout (congestion-samples.ts), a warm-up, then a measured stretch; a flow or a reading
 * that failed fails the run.
 */
import { measureShares, startBulkFlows, type FlowNet, type FlowShares } from '../../../../harness/testkit/bulk-flows';
import { recordCongestion, type CongestionSample } from './congestion-samples';

export interface MeasuredFlowsOptions {
  /** When each flow starts, in ms of virtual time from now (default: all at once). */
  readonly startsMs?: readonly number[];
  /** How often the first sender's tcpInfo is read. */
  readonly sampleMs: number;
  readonly warmUpMs: number;
  readonly measuredMs: number;
  /** What the path could carry, for the utilization. */
  readonly bottleneckBps: number;
}

/** What the flows delivered over the measured stretch, and the first sender's readings from start to end. */
export async function runMeasuredFlows(net: FlowNet, options: MeasuredFlowsOptions): Promise<FlowShares & { readonly samples: readonly CongestionSample[] }> {
  const flows = await startBulkFlows(net, options.startsMs);
  const first = flows.senders[0]!;
  const record = recordCongestion(net.sim, first.sys, first.fd, options.sampleMs);
  await net.sim.sleep(options.warmUpMs, 'the flows warming up');
  const shares = await measureShares(net, flows, options.measuredMs, options.bottleneckBps);
  const samples = await record.samples();
  const failure = flows.failure() ?? record.failure();
  if (failure) throw new Error(`a flow stopped: ${failure}`);
  return { ...shares, samples };
}
