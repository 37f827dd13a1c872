/**
 * One CUBIC flow (RFC 9438) from the stack under test to the reference, and the one loss that
 * starts its congestion-avoidance epoch: a long round trip, so that CUBIC's curve and Reno's line
 * part ways within seconds, and segments small enough that the window (about 40 segments at the
 * loss) fits many times over in a 64 KB receive window. The sender's tcpInfo is read throughout.
 */
import type { CreateKernel } from '../../../../harness/contract';
import type { NetTest } from '../../../../harness/testkit';
import { startBulkFlows } from '../../../../harness/testkit/bulk-flows';
import { recordCongestion, type CongestionSample } from './congestion-samples';

/** 150 ms each way. */
export const CUBIC_RTT_MS = 300;
/** What a segment carries: the MSS of a path whose MTU is 576 bytes, so that 64 KB hold 122 segments. */
const SEGMENT_BYTES = 536;
/** The data segment dropped: sent in slow start with cwnd near 40, found lost with it near 70. */
const DROPPED_SEGMENT = 60;
/** How long the flow runs: the loss, then beyond the epoch's K (about 4 s). */
const RUN_MS = 9_000;
const SAMPLE_MS = 10;

/** Run the flow; every reading of the sender's congestion control. */
export async function runCubicEpoch(t: NetTest, receiver: CreateKernel): Promise<readonly CongestionSample[]> {
  const net = t.twoStacks({ a: t.stack.createKernel, b: receiver, link: { delayUs: (CUBIC_RTT_MS / 2) * 1000 }, mtu: 40 + SEGMENT_BYTES });
  let dataSegments = 0;
  net.links.ab.dropWhere((packet) => packet.length > 40 + SEGMENT_BYTES / 2 && ++dataSegments === DROPPED_SEGMENT);
  const flows = await startBulkFlows({ sim: net.sim, left: [net.a], right: [net.b] });
  const sender = flows.senders[0]!;
  // Chosen at once, long before the loss that is the first thing CUBIC changes.
  await sender.sys.setsockopt(sender.fd, 'TCP_CONGESTION', 'cubic');
  const record = recordCongestion(net.sim, sender.sys, sender.fd, SAMPLE_MS);
  await net.sim.sleep(RUN_MS, 'the CUBIC flow');
  const failure = flows.failure() ?? record.failure();
  if (failure) throw new Error(`the flow stopped: ${failure}`);
  return record.samples;
}
