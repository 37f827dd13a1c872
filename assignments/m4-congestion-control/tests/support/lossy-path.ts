/**
 * One bulk flow from the stack under test over a path that loses data packets at random, its
 * goodput compared with the Mathis bound (Mathis, Semke, Mahdavi and Ott, "The Macroscopic
 * Behavior of the TCP Congestion Avoidance Algorithm", 1997): MSS/RTT · sqrt(3/(2p)), the rate of a
 * Reno sender that halves once per loss and grows one segment per round trip.
 *
 * The path: 100 Mbit/s (so that only congestion control limits the flow), 20 ms round trip, loss p
 * on the data's way only. The flow runs 10 round trips, then its goodput is measured over 500 more.
 * The band is calibrated on the reference, sending to itself: over seeds 1–40 its goodput was
 * 0.78–1.16 of the bound at p = 0.5%, 0.73–1.03 at 1% and 0.50–0.91 at 2% (delayed ACKs make it
 * grow more slowly than the model's sender; at 2% a loss now and then needs a timeout). The band,
 * 0.4 to 1.45, leaves room for a correct stack; a sender that does not halve, or grows by a segment
 * per ACK, goes well above it, one that waits for timeouts instead of fast retransmit well below.
 */
import type { CreateKernel } from '../../../../harness/contract';
import type { NetTest } from '../../../../harness/testkit';
import { checkCongestionRules } from './congestion-checks';
import type { CongestionSample } from './congestion-samples';
import { withCwndPlot } from './cwnd-plot';
import { runMeasuredFlows } from './measured-flows';

export const LOSSY_RTT_MS = 20;
const LOSSY_LINK = { rateBps: 100e6, delayUs: (LOSSY_RTT_MS / 2) * 1000 };
const WARM_UP_RTTS = 10;
const MEASURED_RTTS = 500;
/** How often the sender's tcpInfo is read: five times a round trip. */
const SAMPLE_MS = LOSSY_RTT_MS / 5;
/** Goodput over the Mathis bound that a stack must reach, and not exceed. */
export const MATHIS_BAND = { low: 0.4, high: 1.45 } as const;
/** The band in words, as test names say it. */
export const MATHIS_BAND_WORDS = `${MATHIS_BAND.low}–${MATHIS_BAND.high} times the Mathis bound`;

/** The Mathis bound in bytes per second. */
export function mathisBytesPerSecond(mss: number, rttMs: number, loss: number): number {
  return (mss / (rttMs / 1000)) * Math.sqrt(3 / (2 * loss));
}

export interface LossyFlow {
  readonly goodputBytesPerSecond: number;
  readonly boundBytesPerSecond: number;
  readonly samples: readonly CongestionSample[];
}

/** Run the flow from the stack under test to `receiver` with data loss `loss`. */
export async function runLossyFlow(t: NetTest, loss: number, receiver: CreateKernel): Promise<LossyFlow> {
  const net = t.twoStacks({ a: t.stack.createKernel, b: receiver, link: LOSSY_LINK, ab: { impairments: { loss } } });
  const measuredMs = MEASURED_RTTS * LOSSY_RTT_MS;
  const run = await runMeasuredFlows(
    { sim: net.sim, left: [net.a], right: [net.b] },
    { sampleMs: SAMPLE_MS, warmUpMs: WARM_UP_RTTS * LOSSY_RTT_MS, measuredMs, bottleneckBps: LOSSY_LINK.rateBps },
  );
  const mss = run.samples[0]?.mss ?? 0;
  return {
    goodputBytesPerSecond: run.shares[0]! / (measuredMs / 1000),
    boundBytesPerSecond: mathisBytesPerSecond(mss, LOSSY_RTT_MS, loss),
    samples: run.samples,
  };
}

/** The flow keeps every rule of congestion control, and its goodput is within the band around the bound. */
export function expectMathisGoodput(flow: LossyFlow, loss: number): void {
  const title = `cwnd of a flow over a 100 Mbit/s path, ${LOSSY_RTT_MS} ms RTT, ${loss * 100}% loss`;
  withCwndPlot(flow.samples, title, () => {
    checkCongestionRules(flow.samples, LOSSY_RTT_MS);
    const ratio = flow.goodputBytesPerSecond / flow.boundBytesPerSecond;
    if (ratio < MATHIS_BAND.low || ratio > MATHIS_BAND.high) {
      const mbps = (bytesPerSecond: number) => `${((bytesPerSecond * 8) / 1e6).toFixed(2)} Mbit/s`;
      throw new Error(
        `goodput with ${loss * 100}% loss must be ${MATHIS_BAND.low}–${MATHIS_BAND.high} times the Mathis bound MSS/RTT·sqrt(3/(2p)) = ${mbps(flow.boundBytesPerSecond)}, ` +
          `but it was ${mbps(flow.goodputBytesPerSecond)} (${ratio.toFixed(2)} times): ${ratio > MATHIS_BAND.high ? 'the sender does not back off enough on a loss, or grows too fast' : 'the sender backs off too far, or too long (does it wait for timeouts?)'}`,
      );
    }
  });
}
