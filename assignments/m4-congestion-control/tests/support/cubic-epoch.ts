/**
 * One CUBIC flow (RFC 9438) from the stack under test to the reference, and the loss that starts
 * its congestion-avoidance epoch: by default a long round trip, so that CUBIC's curve and Reno's
 * line part ways within seconds, and segments small enough that the window (about 40 segments at
 * the loss) fits many times over in a 64 KB receive window. Other paths add a second loss, in
 * congestion avoidance, or shorten the round trip. The sender's tcpInfo is read throughout.
 */
import type { CreateKernel } from '../../../../harness/contract';
import type { NetTest } from '../../../../harness/testkit';
import { startBulkFlows } from '../../../../harness/testkit/bulk-flows';
import { recordCongestion, type CongestionSample } from './congestion-samples';

/** The path of a CUBIC flow, and the losses on it. */
export interface CubicPath {
  /** The round trip, in ms: half of it each way. */
  readonly rttMs: number;
  /** The data segment dropped in slow start (counting from 1). */
  readonly droppedSegment: number;
  /** If set: the first data segment sent this many ms into the run or later is dropped too. */
  readonly secondLossAtMs?: number;
  /** How long the flow runs, in ms. */
  readonly runMs: number;
}

/** 150 ms each way. */
export const CUBIC_RTT_MS = 300;

/**
 * One loss: the data segment dropped is sent in slow start with cwnd near 40, and found lost with
 * it near 70; the flow runs beyond the epoch's K (about 4 s).
 */
export const ONE_LOSS: CubicPath = { rttMs: CUBIC_RTT_MS, droppedSegment: 60, runMs: 9_000 };

/**
 * The same, and a second loss 8.5 s in, in congestion avoidance when cwnd has climbed past the
 * first W_max (so that fast convergence leaves W_max as it is); the flow runs beyond the second
 * epoch's K.
 */
export const TWO_LOSSES: CubicPath = { ...ONE_LOSS, secondLossAtMs: 8_500, runMs: 16_000 };

/**
 * A second loss 3 s in, before cwnd has regained the first W_max (the first epoch's K is about
 * 4 s): fast convergence remembers less than the window of that loss. The flow runs beyond the
 * second epoch's K.
 */
export const EARLY_SECOND_LOSS: CubicPath = { ...ONE_LOSS, secondLossAtMs: 3_000, runMs: 10_000 };

/**
 * A round trip of 20 ms and a loss in slow start with some 25 segments in flight: the cubic
 * function climbs back to W_max only after K ≈ 2.7 s, some 130 round trips, while the
 * Reno-friendly estimate regains it in about 14: cwnd follows the estimate.
 */
export const SHORT_RTT: CubicPath = { rttMs: 20, droppedSegment: 30, runMs: 2_000 };

/** What a segment carries: the MSS of a path whose MTU is 576 bytes, so that 64 KB hold 122 segments. */
const SEGMENT_BYTES = 536;
const SAMPLE_MS = 10;

/** Run the flow; every reading of the sender's congestion control. */
export async function runCubicEpoch(t: NetTest, receiver: CreateKernel, path: CubicPath = ONE_LOSS): Promise<readonly CongestionSample[]> {
  const net = t.twoStacks({ a: t.stack.createKernel, b: receiver, link: { delayUs: (path.rttMs / 2) * 1000 }, mtu: 40 + SEGMENT_BYTES });
  let dataSegments = 0;
  let secondDropped = false;
  net.links.ab.dropWhere((packet) => {
    if (packet.length <= 40 + SEGMENT_BYTES / 2) return false;
    if (++dataSegments === path.droppedSegment) return true;
    if (path.secondLossAtMs === undefined || secondDropped || net.sim.nowUs < path.secondLossAtMs * 1000) return false;
    secondDropped = true;
    return true;
  });
  const flows = await startBulkFlows({ sim: net.sim, left: [net.a], right: [net.b] });
  const sender = flows.senders[0]!;
  // Chosen at once, long before the loss that is the first thing CUBIC changes.
  await sender.sys.setsockopt(sender.fd, 'TCP_CONGESTION', 'cubic');
  const record = recordCongestion(net.sim, sender.sys, sender.fd, SAMPLE_MS);
  await net.sim.sleep(path.runMs, 'the CUBIC flow');
  const samples = await record.samples();
  const failure = flows.failure() ?? record.failure();
  if (failure) throw new Error(`the flow stopped: ${failure}`);
  return samples;
}
