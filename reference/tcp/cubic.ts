/**
 * CUBIC (RFC 9438), the algorithm TCP_CONGESTION `cubic` selects, an optional extra of milestone
 * 4. Slow start, fast retransmit, fast recovery and the loss window are Reno's (congestion.ts);
 * CUBIC changes two things:
 *
 * - a loss multiplies ssthresh by β = 0.7 (not 0.5), and remembers W_max, the window it reached;
 *   fast convergence (§4.7) remembers less when the window did not regain the last W_max, so that
 *   a flow that keeps losing makes room for new ones;
 * - in congestion avoidance, cwnd follows W_cubic(t) = C·(t − K)³ + W_max, t the seconds since the
 *   epoch began (its first ACK in avoidance), K the seconds it takes to climb back to W_max: fast
 *   far below W_max, flat around it (concave), fast again beyond it (convex), towards W_cubic one
 *   round trip ahead, by (target − cwnd)/cwnd per segment acknowledged; never slower than the
 *   Reno-friendly estimate W_est, which grows as Reno would with β = 0.7 (α = 3(1 − β)/(1 + β)
 *   segments per round trip, 1 once it passes cwnd_prior).
 *
 * Windows are in segments here, as the RFC has them; cwnd leaves in bytes.
 */
import { congestionWindow } from './congestion-window';
import { bytesInFlight } from './in-flight';
import type { Tcb } from './tcb';

/** β_cubic: the window after a loss, as a share of the flight before it (§4.6). */
export const CUBIC_BETA = 0.7;
/** C: how fast the cubic function grows, in segments per second cubed (§5.1). */
export const CUBIC_C = 0.4;
/** α_cubic: W_est's growth per round trip, in segments, while below cwnd_prior (§4.3). */
export const RENO_FRIENDLY_ALPHA = (3 * (1 - CUBIC_BETA)) / (1 + CUBIC_BETA);
/** The round trip assumed before one is measured, in ms (RFC 6298's initial RTO). */
export const UNMEASURED_RTT_MS = 1000;
/** The target is at most this many times cwnd (§4.2). */
export const MAX_TARGET_GROWTH = 1.5;

/**
 * ssthresh after a loss under CUBIC (RFC 9438 §4.6): the flight times β, at least two segments.
 * It also remembers W_max (with fast convergence, §4.7) and cwnd_prior, and ends the epoch.
 */
export function cubicSsthreshAfterLoss(tcb: Tcb): number {
  // @solution m4 begin: CUBIC's ssthresh after a loss (β = 0.7), W_max with fast convergence
  const { cubic } = tcb.congestion;
  const cwnd = congestionWindow(tcb) / tcb.mss;
  cubic.wMax = cwnd < cubic.wMax ? (cwnd * (1 + CUBIC_BETA)) / 2 : cwnd;
  cubic.cwndPrior = cwnd;
  cubic.epochStartMs = undefined;
  return Math.max(Math.floor(bytesInFlight(tcb) * CUBIC_BETA), 2 * tcb.mss);
  // @solution end
}

/** cwnd in bytes after an ACK of `acknowledged` new bytes at `nowMs`, in congestion avoidance (RFC 9438 §4.2–§4.5). */
export function cubicAvoidance(tcb: Tcb, acknowledged: number, nowMs: number): number {
  // @solution m4 begin: CUBIC's congestion avoidance (the cubic function towards W_max, the Reno-friendly region)
  const { cubic } = tcb.congestion;
  const { mss } = tcb;
  const cwnd = congestionWindow(tcb) / mss;
  if (cubic.epochStartMs === undefined) {
    cubic.epochStartMs = nowMs;
    // Without a loss before, the epoch climbs from cwnd itself (K = 0).
    cubic.origin = Math.max(cubic.wMax, cwnd);
    cubic.k = Math.cbrt((cubic.origin - cwnd) / CUBIC_C);
    cubic.wEst = cwnd;
  }
  const acked = acknowledged / mss;
  const alpha = cubic.wEst >= cubic.cwndPrior ? 1 : RENO_FRIENDLY_ALPHA;
  cubic.wEst += (alpha * acked) / cwnd;
  const cubicWindow = (seconds: number): number => CUBIC_C * (seconds - cubic.k) ** 3 + cubic.origin;
  const t = (nowMs - cubic.epochStartMs) / 1000;
  if (cubicWindow(t) < cubic.wEst) return cubic.wEst * mss;
  const rttSeconds = (tcb.retransmit.srtt ?? UNMEASURED_RTT_MS) / 1000;
  const target = Math.min(Math.max(cubicWindow(t + rttSeconds), cwnd), MAX_TARGET_GROWTH * cwnd);
  return (cwnd + ((target - cwnd) / cwnd) * acked) * mss;
  // @solution end
}
