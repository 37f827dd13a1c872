/**
 * CUBIC's rules (RFC 9438) on the readings of one flow (cubic-epoch.ts): after a loss, ssthresh is
 * β = 0.7 of the flight; from then on cwnd follows the cubic function
 * W_cubic(t) = C·(t − K)³ + W_max (C = 0.4, K = ∛(W_max·(1 − β)/C), t from the end of recovery):
 * it climbs fast from 0.7·W_max, flattens out at W_max around K, and grows again past it. Reno,
 * one segment per round trip, lags far behind the curve before K. Each loss starts a new epoch,
 * with its own W_max, K and t. On a short round trip the curve is slow, and cwnd follows instead
 * the Reno-friendly estimate W_est (§4.3), which grows as Reno would with β = 0.7: by
 * α = 3(1 − β)/(1 + β) segments per round trip until it regains W_max (cwnd_prior), by one after.
 */
import type { CongestionSample } from './congestion-samples';
import { isFiniteSsthresh } from './congestion-samples';

const BETA = 0.7;
const C = 0.4;
/** How far cwnd may stray from W_cubic, as a share of W_max: a sender that tracks the curve one round trip ahead or behind stays within it. */
export const CUBIC_TOLERANCE = 0.1;
/** How long past K the curve is followed, in seconds: into the convex region. */
const PAST_K_SECONDS = 2.5;

/** α_cubic: the Reno-friendly estimate's growth per round trip until it regains W_max. */
const ALPHA = (3 * (1 - BETA)) / (1 + BETA);
/** How far cwnd may stray from the Reno-friendly estimate, as a share of it. */
export const RENO_FRIENDLY_TOLERANCE = 0.1;
/** How long after the end of recovery the Reno-friendly estimate is followed, in seconds. */
const RENO_FRIENDLY_SECONDS = 1.5;

const segments = (bytes: number, sample: CongestionSample): number => bytes / sample.mss;
const ORDINALS = ['first', 'second', 'third'];

/**
 * The index of the reading where the `n`th loss (from 1) shows: only a loss changes ssthresh, so
 * the `n`th reading whose ssthresh is finite and differs from the one before; -1 if there is none.
 */
function lossReading(samples: readonly CongestionSample[], n: number): number {
  let losses = 0;
  return samples.findIndex((sample, i) => isFiniteSsthresh(sample.ssthresh) && sample.ssthresh !== samples[i - 1]?.ssthresh && ++losses === n);
}

/** The `n`th loss's reading and ssthresh (in segments), and the first reading of the epoch after it (recovery over); throws what is missing. */
function epochAfterLoss(samples: readonly CongestionSample[], n: number): { lossAt: number; atLoss: CongestionSample; ssthresh: number; epochStart: CongestionSample } {
  const lossAt = lossReading(samples, n);
  if (lossAt < 0) {
    throw new Error(n === 1 ? 'the flow never left slow start: no loss set ssthresh (is TCP_CONGESTION "cubic" taken?)' : `no ${ORDINALS[n - 1] ?? `${n}th`} loss set ssthresh: the segment dropped in congestion avoidance went unnoticed`);
  }
  const atLoss = samples[lossAt]!;
  const epochStart = samples.slice(lossAt).find((sample) => sample.state === 'open');
  if (!epochStart) throw new Error(`the recovery that began at ${seconds(atLoss)} never ended`);
  return { lossAt, atLoss, ssthresh: segments(atLoss.ssthresh, atLoss), epochStart };
}

/**
 * Check the rules on `samples` of a flow whose round trip is `rttMs`, for the epoch after its
 * `loss`th loss (the first by default); throws what is broken, with the times. W_max is the window
 * at the loss, unless `fastConvergence` says the loss came before cwnd regained the W_max before
 * it (§4.7): W_max is then less, the window·(1 + β)/2, so that a flow that keeps losing makes room.
 */
export function checkCubicEpoch(samples: readonly CongestionSample[], rttMs: number, loss = 1, fastConvergence = false): void {
  const { lossAt, atLoss, ssthresh, epochStart } = epochAfterLoss(samples, loss);
  // The readings come every few ms: the flight at the loss lies between the last one before it and the largest one until recovery ends.
  const least = segments((samples[lossAt - 1] ?? atLoss).bytesInFlight, atLoss);
  const most = Math.max(...samples.slice(lossAt, samples.indexOf(epochStart)).map((sample) => segments(sample.bytesInFlight, sample)), least);
  if (ssthresh < BETA * least - 1 || ssthresh > BETA * most + 1) {
    throw new Error(
      `after the loss at ${seconds(atLoss)}, ssthresh is ${ssthresh.toFixed(1)} segments: CUBIC's is β = 0.7 of the flight, which was ${least.toFixed(0)} to ${most.toFixed(0)} segments: ` +
        `${(BETA * least).toFixed(1)} to ${(BETA * most).toFixed(1)} (Reno's would be half)`,
    );
  }
  const windowAtLoss = ssthresh / BETA;
  const wMax = fastConvergence ? (windowAtLoss * (1 + BETA)) / 2 : windowAtLoss;
  // The epoch starts from cwnd = ssthresh: K is how long the curve takes from there to W_max.
  const k = Math.cbrt((wMax - ssthresh) / C);
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
          `W_cubic(t) = 0.4·(t − K)³ + W_max is ${expected.toFixed(1)} (W_max ${wMax.toFixed(1)}${fastConvergence ? `: fast convergence, (1 + β)/2 of the window of ${windowAtLoss.toFixed(1)} at the loss` : ''}, K ${k.toFixed(2)} s), and cwnd must stay within ${CUBIC_TOLERANCE * 100}% of W_max of it` +
          (cwnd < expected ? ` (Reno's one segment per round trip would be ${(ssthresh + (t * 1000) / rttMs).toFixed(1)})` : ''),
      );
    }
  }
  if (samples[samples.length - 1]!.timeUs < to) throw new Error(`the readings end at ${seconds(samples[samples.length - 1]!)}, before ${PAST_K_SECONDS} s past K`);
}

/**
 * Check that on a short round trip (`rttMs`), after the first loss, cwnd follows the larger of the
 * Reno-friendly estimate and W_cubic (RFC 9438 §4.3), within 10% of it, for 1.5 s after recovery:
 * W_est starts at ssthresh, grows by α ≈ 0.53 segments per round trip up to W_max, then by one.
 */
export function checkRenoFriendly(samples: readonly CongestionSample[], rttMs: number): void {
  const { ssthresh, epochStart } = epochAfterLoss(samples, 1);
  const wMax = ssthresh / BETA;
  const k = Math.cbrt((wMax * (1 - BETA)) / C);
  /** Round trips for W_est to climb from ssthresh back to W_max. */
  const regain = (wMax - ssthresh) / ALPHA;
  const from = epochStart.timeUs + 2 * rttMs * 1000;
  const to = epochStart.timeUs + RENO_FRIENDLY_SECONDS * 1e6;
  for (const sample of samples) {
    if (sample.timeUs < from || sample.timeUs > to) continue;
    const t = (sample.timeUs - epochStart.timeUs) / 1e6;
    const rounds = (t * 1000) / rttMs;
    const wEst = rounds <= regain ? ssthresh + ALPHA * rounds : wMax + (rounds - regain);
    const expected = Math.max(wEst, C * (t - k) ** 3 + wMax);
    const cwnd = segments(sample.cwnd, sample);
    if (Math.abs(cwnd - expected) > RENO_FRIENDLY_TOLERANCE * expected) {
      throw new Error(
        `at ${seconds(sample)}, ${t.toFixed(2)} s (${rounds.toFixed(1)} round trips of ${rttMs} ms) into the epoch that began at ${seconds(epochStart)}, cwnd is ${cwnd.toFixed(1)} segments; ` +
          `the Reno-friendly estimate W_est is ${wEst.toFixed(1)} (from ssthresh ${ssthresh.toFixed(1)}, ${ALPHA.toFixed(2)} segments per round trip up to W_max ${wMax.toFixed(1)}, ` +
          `which it regains after ${regain.toFixed(1)} round trips, then one per round trip), W_cubic(t) ${(C * (t - k) ** 3 + wMax).toFixed(1)}, ` +
          `and cwnd must stay within ${RENO_FRIENDLY_TOLERANCE * 100}% of the larger`,
      );
    }
  }
  if (samples[samples.length - 1]!.timeUs < to) throw new Error(`the readings end at ${seconds(samples[samples.length - 1]!)}, before ${RENO_FRIENDLY_SECONDS} s past the end of recovery`);
}

function seconds(sample: CongestionSample): string {
  return `t=${(sample.timeUs / 1e6).toFixed(3)} s`;
}
