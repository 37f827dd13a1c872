// Generated from reference/tcp/congestion.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * Congestion control (milestone 4): how much the network lets a connection have in flight, beside
 * what the peer's window lets it. Reno (RFC 5681) with NewReno's fast recovery (RFC 6582), from
 * RFC 6928's initial window (congestion-window.ts):
 *
 * - slow start: while cwnd is below ssthresh, each ACK of new data grows it by the bytes it
 *   acknowledges, at most one MSS;
 * - congestion avoidance: from ssthresh on, cwnd grows by one MSS per cwnd of bytes acknowledged
 *   (about one MSS per round trip);
 * - the third duplicate ACK: fast retransmit of the oldest segment, ssthresh to half the flight
 *   (at least two MSS), cwnd to ssthresh + 3 MSS, and fast recovery: one more MSS per duplicate
 *   after that; an ACK of part of what was sent resends the next hole at once; the ACK of all of
 *   it ends recovery, cwnd back to ssthresh;
 * - a retransmission timeout: ssthresh to half the flight (kept when the same data times out
 *   again), cwnd to one MSS, and everything sent counts as lost: it is resent from the oldest
 *   byte on as cwnd grows again (loss-resend.ts), before new data.
 *
 * TCP_CONGESTION `cubic` replaces the loss's factor and congestion avoidance with CUBIC's (cubic.ts).
 * ack.ts tells of ACKs, timers.ts of timeouts; transmit.ts sends within min(SND.WND, cwnd).
 */
import type { TcpConnection } from './connection';
import { cubicSsthreshAfterLoss } from './cubic';
import { type TcpSegment } from './segment';
import type { Tcb } from './tcb';
import { NotImplemented } from '../../harness/contract';

/**
 * Whether `segment` is a duplicate ACK (RFC 5681 §2): data is outstanding, and it carries no data,
 * no SYN or FIN, the same acknowledgment number as the greatest so far (SND.UNA) and the same
 * window as the last. Ask before the segment updates SND.WND. While that window is zero, what
 * is outstanding is a zero-window probe, and the ACKs that answer it say nothing of a loss.
 */
export function isDuplicateAck(tcb: Tcb, segment: TcpSegment): boolean {
  // TODO(m4): recognize a duplicate ACK (RFC 5681 §2)
  void tcb;
  void segment;
  throw new NotImplemented('m4', 'recognize a duplicate ACK (RFC 5681 §2)');
}

/** ssthresh after a loss (RFC 5681 equation 4): half the flight, at least two segments. */
export function ssthreshAfterLoss(tcb: Tcb): number {
  // TODO(m4): ssthresh after a loss (half the flight, at least two segments)
  void tcb;
  throw new NotImplemented('m4', 'ssthresh after a loss (half the flight, at least two segments)');
}

/** ssthresh after a loss, by the connection's algorithm (TCP_CONGESTION): Reno's half, or CUBIC's 0.7. */
export function ssthreshAfterLossOf(socket: TcpConnection): number {
  return socket.congestionAlgorithm === 'cubic' ? cubicSsthreshAfterLoss(socket.tcb) : ssthreshAfterLoss(socket.tcb);
}

/**
 * A duplicate ACK arrived: count it; the third starts fast retransmit and fast recovery, unless
 * it does not acknowledge all that was sent when the last recovery or timeout began (RFC 6582
 * §3.2 step 2: those are the same losses); in recovery, each one more inflates cwnd by an MSS.
 */
export function onDuplicateAck(socket: TcpConnection): void {
  // TODO(m4): count duplicate ACKs, fast retransmit on the third, inflate cwnd in recovery
  void socket;
  throw new NotImplemented('m4', 'count duplicate ACKs, fast retransmit on the third, inflate cwnd in recovery');
}

/**
 * An ACK of `acknowledged` new bytes arrived (SND.UNA has moved on to its acknowledgment number).
 * In fast recovery it is partial (resend the next hole, deflate cwnd by what it acknowledged, plus
 * an MSS back when that was a whole one) or ends recovery; otherwise cwnd grows, by slow start or
 * congestion avoidance, and a loss episode ends once everything sent before it is acknowledged.
 */
export function onNewAck(socket: TcpConnection, acknowledged: number): void {
  // TODO(m4): grow cwnd (slow start, congestion avoidance); partial and full ACKs in recovery
  void socket;
  void acknowledged;
  throw new NotImplemented('m4', 'grow cwnd (slow start, congestion avoidance); partial and full ACKs in recovery');
}

/**
 * The retransmission timer fired on data (before it resends the oldest segment): ssthresh to half
 * the flight, unless this data already timed out (RFC 5681 §3.1: ssthresh is kept then), cwnd to
 * one MSS (the loss window), and everything sent counts as lost. The timer resends the oldest
 * segment, an MSS at most (with the FIN if that is all); the rest follows from loss-resend.ts as
 * ACKs grow cwnd.
 */
export function onRetransmissionTimeout(socket: TcpConnection): void {
  // TODO(m4): on a timeout, halve ssthresh (once per loss), cwnd to one segment, resend from the oldest byte
  void socket;
  throw new NotImplemented('m4', 'on a timeout, halve ssthresh (once per loss), cwnd to one segment, resend from the oldest byte');
}
