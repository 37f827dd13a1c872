/**
 * CUBIC's rules (RFC 9438) on the readings of one flow with one loss (cubic-epoch.ts): after the
 * loss, ssthresh is β = 0.7 of the flight; from then on cwnd follows the cubic function
 * W_cubic(t) = C·(t − K)³ + W_max (C = 0.4, K = ∛(W_max·(1 − β)/C), t from the end of recovery):
 * it climbs fast from 0.7·W_max, flattens out at W_max around K, and grows again past it. Reno,
 * one segment per round trip, lags far behind the curve before K.
 */
import type { CongestionSample } from './congestion-samples';
import { isFiniteSsthresh } from './congestion-samples';

const BETA = 0.7;
const C = 0.4;
/** How far cwnd may stray from W_cubic, as a share of W_max: a sender that tracks the curve one round trip ahead or behind stays within it. */
export const CUBIC_TOLERANCE = 0.1;
/** How long past K the curve is followed, in seconds: into the convex region. */
const PAST_K_SECONDS = 2.5;

const segments = (bytes: number, sample: CongestionSample): number => bytes / sample.mss;

/** Check the rules on `samples` of a flow whose round trip is `rttMs`; throws what is broken, with the times. */
export function checkCubicEpoch(samples: readonly CongestionSample[], rttMs: number): void {
  const lossAt = samples.findIndex((sample) => isFiniteSsthresh(sample.ssthresh));
  if (lossAt < 0) throw new Error('the flow never left slow start: no loss set ssthresh (is TCP_CONGESTION "cubic" taken?)');
  const atLoss = samples[lossAt]!;
  const epochStart = samples.slice(lossAt).find((sample) => sample.state === 'open');
  if (!epochStart) throw new Error(`the recovery that began at ${seconds(atLoss)} never ended`);
  // The readings come every few ms: the flight at the loss lies between the last one before it and the largest one until recovery ends.
  const least = segments((samples[lossAt - 1] ?? atLoss).bytesInFlight, atLoss);
  const most = Math.max(...samples.slice(lossAt, samples.indexOf(epochStart)).map((sample) => segments(sample.bytesInFlight, sample)), least);
  const ssthresh = segments(atLoss.ssthresh, atLoss);
  if (ssthresh < BETA * least - 1 || ssthresh > BETA * most + 1) {
    throw new Error(
      `after the loss at ${seconds(atLoss)}, ssthresh is ${ssthresh.toFixed(1)} segments: CUBIC's is β = 0.7 of the flight, which was ${least.toFixed(0)} to ${most.toFixed(0)} segments: ` +
        `${(BETA * least).toFixed(1)} to ${(BETA * most).toFixed(1)} (Reno's would be half)`,
    );
  }
  const wMax = ssthresh / BETA;
  const k = Math.cbrt((wMax * (1 - BETA)) / C);
  const from = epochStart.timeUs + 2 * rttMs * 1000;
  const to = epochStart.timeUs + (k + PAST_K_SECONDS) * 1e6;
  for (const sample of samples) {
    if (sample.timeUs < from || sample.timeUs > to) continue;
    const t = (sample.timeUs - epochStart.timeUs) / 1e6;
    const expected = C * (t - k) ** 3 + wMax;
    const cwnd = segments(sample.cwnd, sample);
    if (Math.abs(cwnd - expected) > CUBIC_TOLERANCE * wMax) {
      throw new Error(
        `at ${seconds(sample)}, ${t.toFixed(2)} s into the epoch that began at ${seconds(epochStart)}, cwnd is ${cwnd.toFixed(1)} segments; ` +
          `W_cubic(t) = 0.4·(t − K)³ + W_max is ${expected.toFixed(1)} (W_max ${wMax.toFixed(1)}, K ${k.toFixed(2)} s), and cwnd must stay within ${CUBIC_TOLERANCE * 100}% of W_max of it` +
          (cwnd < expected ? ` (Reno's one segment per round trip would be ${(BETA * wMax + (t * 1000) / rttMs).toFixed(1)})` : ''),
      );
    }
  }
  if (samples[samples.length - 1]!.timeUs < to) throw new Error(`the readings end at ${seconds(samples[samples.length - 1]!)}, before ${PAST_K_SECONDS} s past K`);
}

function seconds(sample: CongestionSample): string {
  return `t=${(sample.timeUs / 1e6).toFixed(3)} s`;
}
