// Generated from reference/tcp/congestion-variables.ts by `npm run starter:build`. This file is yours now: edit it freely.

/**
 * What a connection's congestion control remembers (milestone 4; the rules are congestion.ts's).
 * The TCB holds one; it imports nothing of tcp/, so that every layer may read it.
 */
import type { CongestionState } from '../../harness/contract';

/** RFC 6928's initial window: ten segments (within the byte bounds of {@link initialWindow}). */
export const TCP_INITIAL_WINDOW_SEGMENTS = 10;
/** The slow-start threshold before the first loss: "infinite", Linux's TCP_INFINITE_SSTHRESH. */
export const TCP_INFINITE_SSTHRESH = 0x7fffffff;
/** How many duplicate ACKs mean a segment was lost (RFC 5681 §3.2): the third one starts fast retransmit. */
export const TCP_DUPLICATE_ACK_THRESHOLD = 3;

/** RFC 6928: IW = min(10·MSS, max(2·MSS, 14600)) bytes. */
export function initialWindow(mss: number): number {
  return Math.min(TCP_INITIAL_WINDOW_SEGMENTS * mss, Math.max(2 * mss, 14_600));
}

/** What CUBIC (RFC 9438, cubic.ts) remembers between losses, in segments and ms. */
export class CubicVariables {
  /** W_max: cwnd just before the last loss (less, after fast convergence); 0 before the first. */
  wMax = 0;
  /** cwnd_prior: cwnd when ssthresh was last set; 0 before the first loss. */
  cwndPrior = 0;
  /** When the current congestion avoidance epoch began; undefined until its first ACK. */
  epochStartMs: number | undefined = undefined;
  /** K: the seconds the cubic function takes from the epoch's start to reach W_max again. */
  k = 0;
  /** The W_max the epoch's cubic function climbs back to (cwnd, when no loss came before). */
  origin = 0;
  /** W_est: the window Reno would have reached in the epoch (the Reno-friendly region). */
  wEst = 0;
}

/** One connection's congestion-control variables. */
export class CongestionVariables {
  /**
   * cwnd in bytes, once congestion control has changed it; until then the initial window (see
   * congestion-window.ts), which follows the MSS the handshake settles on.
   */
  cwnd: number | undefined = undefined;
  /** ssthresh in bytes. */
  ssthresh = TCP_INFINITE_SSTHRESH;
  /** Where congestion control is (see {@link CongestionState}). */
  phase: CongestionState = 'open';
  /** Duplicate ACKs in a row (reset by an ACK of new data). */
  duplicateAcks = 0;
  /**
   * RFC 6582's `recover`, plus one: SND.NXT when the latest fast recovery or timeout began (the
   * RFC keeps the highest sequence number sent, one less); undefined before the first. Recovery
   * ends when everything before it is acknowledged.
   */
  recover: number | undefined = undefined;
  /** Bytes acknowledged in congestion avoidance since cwnd last grew: at a cwnd's worth, it grows by an MSS. */
  acknowledgedInAvoidance = 0;
  /**
   * In `loss`: the next sequence number to resend. Everything sent before the timeout counts as
   * lost and is resent from SND.UNA on as cwnd allows (go-back-N), before any new data.
   */
  resendNext = 0;
  /** CUBIC's own, when TCP_CONGESTION chose it. */
  readonly cubic = new CubicVariables();
}
