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
import { TCP_DUPLICATE_ACK_THRESHOLD } from './congestion-variables';
import { congestionWindow } from './congestion-window';
import { cubicAvoidance, cubicSsthreshAfterLoss } from './cubic';
import { startRetransmitTimer } from './deadlines';
import { bytesInFlight } from './in-flight';
import { seqAdd, seqGt, seqLeq, seqLt } from './seq';
import { hasFlag, TCP_FIN, TCP_SYN, type TcpSegment } from './segment';
import type { Tcb } from './tcb';
import { retransmitOldest } from './transmit';

/**
 * Whether `segment` is a duplicate ACK (RFC 5681 §2): data is outstanding, and it carries no data,
 * no SYN or FIN, the same acknowledgment number as the greatest so far (SND.UNA) and the same
 * window as the last. Ask before the segment updates SND.WND. While that window is zero, what
 * is outstanding is a zero-window probe, and the ACKs that answer it say nothing of a loss.
 */
export function isDuplicateAck(tcb: Tcb, segment: TcpSegment): boolean {
  // @solution m4 begin: recognize a duplicate ACK (RFC 5681 §2)
  return (
    bytesInFlight(tcb) > 0 &&
    tcb.sndWnd > 0 &&
    segment.payload.length === 0 &&
    !hasFlag(segment, TCP_SYN) &&
    !hasFlag(segment, TCP_FIN) &&
    segment.ack === tcb.sndUna &&
    segment.window === tcb.sndWnd
  );
  // @solution end
}

/** ssthresh after a loss (RFC 5681 equation 4): half the flight, at least two segments. */
export function ssthreshAfterLoss(tcb: Tcb): number {
  // @solution m4 begin: ssthresh after a loss (half the flight, at least two segments)
  return Math.max(Math.floor(bytesInFlight(tcb) / 2), 2 * tcb.mss);
  // @solution end
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
  // @solution m4 begin: count duplicate ACKs, fast retransmit on the third, inflate cwnd in recovery
  const tcb = socket.tcb;
  const congestion = tcb.congestion;
  if (congestion.phase === 'loss') return;
  congestion.duplicateAcks++;
  if (congestion.phase === 'recovery') {
    congestion.cwnd = congestionWindow(tcb) + tcb.mss;
    return;
  }
  congestion.phase = 'disorder';
  if (congestion.duplicateAcks < TCP_DUPLICATE_ACK_THRESHOLD) return;
  if (congestion.recover !== undefined && seqLt(tcb.sndUna, congestion.recover)) return;
  congestion.ssthresh = ssthreshAfterLossOf(socket);
  congestion.recover = tcb.sndNxt;
  retransmitOldest(socket);
  // Its timeout is an RTO after this copy, as Linux has it.
  startRetransmitTimer(socket);
  congestion.cwnd = congestion.ssthresh + TCP_DUPLICATE_ACK_THRESHOLD * tcb.mss;
  // Bytes counted toward growth before the loss do not count after it, as on Linux.
  congestion.acknowledgedInAvoidance = 0;
  congestion.phase = 'recovery';
  // @solution end
}

/**
 * An ACK of `acknowledged` new bytes arrived (SND.UNA has moved on to its acknowledgment number).
 * In fast recovery it is partial (resend the next hole, deflate cwnd by what it acknowledged, plus
 * an MSS back when that was a whole one) or ends recovery; otherwise cwnd grows, by slow start or
 * congestion avoidance, and a loss episode ends once everything sent before it is acknowledged.
 */
export function onNewAck(socket: TcpConnection, acknowledged: number): void {
  // @solution m4 begin: grow cwnd (slow start, congestion avoidance); partial and full ACKs in recovery
  const tcb = socket.tcb;
  const congestion = tcb.congestion;
  const { mss } = tcb;
  congestion.duplicateAcks = 0;
  const cwnd = congestionWindow(tcb);
  const recovered = congestion.recover === undefined || seqLeq(congestion.recover, tcb.sndUna);
  if (congestion.phase === 'recovery') {
    if (recovered) {
      // RFC 6582 §3.2 step 3, its second option, as Linux does: deflate to ssthresh.
      congestion.cwnd = congestion.ssthresh;
      congestion.phase = 'open';
    } else {
      retransmitOldest(socket);
      congestion.cwnd = Math.max(cwnd - acknowledged, 0) + (acknowledged >= mss ? mss : 0);
    }
    return;
  }
  if (cwnd < congestion.ssthresh) {
    congestion.cwnd = cwnd + Math.min(acknowledged, mss);
  } else if (socket.congestionAlgorithm === 'cubic') {
    congestion.cwnd = cubicAvoidance(tcb, acknowledged, socket.host.now());
  } else {
    congestion.acknowledgedInAvoidance += acknowledged;
    const grows = congestion.acknowledgedInAvoidance >= cwnd;
    if (grows) congestion.acknowledgedInAvoidance -= cwnd;
    congestion.cwnd = cwnd + (grows ? mss : 0);
  }
  if (congestion.phase !== 'loss' || recovered) congestion.phase = 'open';
  else if (seqGt(tcb.sndUna, congestion.resendNext)) congestion.resendNext = tcb.sndUna;
  // @solution end
}

/**
 * The retransmission timer fired on data (before it resends the oldest segment): ssthresh to half
 * the flight, unless this data already timed out (RFC 5681 §3.1: ssthresh is kept then), cwnd to
 * one MSS (the loss window), and everything sent counts as lost. The timer resends the oldest
 * segment, an MSS at most (with the FIN if that is all); the rest follows from loss-resend.ts as
 * ACKs grow cwnd.
 */
export function onRetransmissionTimeout(socket: TcpConnection): void {
  // @solution m4 begin: on a timeout, halve ssthresh (once per loss), cwnd to one segment, resend from the oldest byte
  const tcb = socket.tcb;
  const congestion = tcb.congestion;
  if (tcb.retransmit.backoffs <= 1) congestion.ssthresh = ssthreshAfterLossOf(socket);
  congestion.cwnd = tcb.mss;
  congestion.phase = 'loss';
  congestion.duplicateAcks = 0;
  congestion.acknowledgedInAvoidance = 0;
  congestion.recover = tcb.sndNxt;
  const flight = bytesInFlight(tcb);
  const resent = Math.min(flight, tcb.mss);
  congestion.resendNext = seqAdd(tcb.sndUna, resent + (tcb.finSent && resent === flight ? 1 : 0));
  // @solution end
}
