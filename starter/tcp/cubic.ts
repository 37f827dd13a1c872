// Generated from reference/tcp/cubic.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

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
import type { Tcb } from './tcb';
import { NotImplemented } from '../../harness/contract';

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
  // TODO(m4): CUBIC's ssthresh after a loss (β = 0.7), W_max with fast convergence
  void tcb;
  throw new NotImplemented('m4', 'CUBIC\'s ssthresh after a loss (β = 0.7), W_max with fast convergence');
}

/** cwnd in bytes after an ACK of `acknowledged` new bytes at `nowMs`, in congestion avoidance (RFC 9438 §4.2–§4.5). */
export function cubicAvoidance(tcb: Tcb, acknowledged: number, nowMs: number): number {
  // TODO(m4): CUBIC's congestion avoidance (the cubic function towards W_max, the Reno-friendly region)
  void tcb;
  void acknowledged;
  void nowMs;
  throw new NotImplemented('m4', 'CUBIC\'s congestion avoidance (the cubic function towards W_max, the Reno-friendly region)');
}
