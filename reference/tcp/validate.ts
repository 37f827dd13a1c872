/**
 * The checks an arriving segment must pass in a synchronized state (SYN_RECEIVED and later)
 * before its ACK and data are looked at (RFC 9293 §3.10.7.4, the first four steps): is its
 * sequence number acceptable, is it a RST, is it a SYN. They keep old duplicates out of the
 * connection, and blind attackers who guess at sequence numbers (RFC 5961).
 */
import type { Errno, TcpState } from '../../harness/contract';
import type { TcpConnection } from './connection';
import { startCloseTimer, TCP_TIME_WAIT_MS } from './deadlines';
import { sendAck, sendSyn } from './output';
import { announcedWindow } from './receive-window';
import { abandonRttMeasurement } from './rtt';
import { seqAdd, seqBetween, seqGt } from './seq';
import { hasFlag, segmentLength, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, type TcpSegment } from './segment';
import { enterClosed } from './state';
import type { Tcb } from './tcb';

/** At most one rate-limited ACK per this many ms on a connection (Linux's net.ipv4.tcp_invalid_ratelimit). */
export const TCP_INVALID_RATELIMIT_MS = 500;

/**
 * The first checks of a segment in a synchronized state:
 *
 * 1. its sequence number must be acceptable, else it is answered with an ACK (unless it is a
 *    RST) and dropped;
 * 2. a RST resets the connection only if its sequence number is exactly RCV.NXT; a RST
 *    elsewhere in the window gets a "challenge ACK" (RFC 5961 §3): a genuine sender answers
 *    it with a RST at the right number, a blind attacker cannot;
 * 3. a SYN gets a challenge ACK (RFC 5961 §4), whatever its sequence number;
 * 4. a segment without ACK is dropped.
 *
 * In SYN_RECEIVED, the peer's SYN arriving again is handled first ({@link handshakeRepeat}).
 *
 * @returns whether to go on with the segment's ACK field.
 */
export function checkSegment(socket: TcpConnection, segment: TcpSegment): boolean {
  // @solution m2 begin: check an arriving segment (acceptable sequence number, RST and SYN rules of RFC 5961)
  const tcb = socket.tcb;
  const isSyn = hasFlag(segment, TCP_SYN);
  if (tcb.state === 'SYN_RECEIVED' && isSyn && !hasFlag(segment, TCP_RST) && segment.seq === tcb.irs) {
    return handshakeRepeat(socket, segment);
  }
  if (!isAcceptable(tcb, segment, announcedWindow(socket))) {
    rejectUnacceptable(socket, segment);
    return false;
  }
  if (hasFlag(segment, TCP_RST)) {
    if (segment.seq === tcb.rcvNxt) resetConnection(socket);
    else sendRateLimitedAck(socket);
    return false;
  }
  if (isSyn) {
    sendRateLimitedAck(socket);
    return false;
  }
  return hasFlag(segment, TCP_ACK);
  // @solution end
}

/**
 * Whether `segment` falls in the receive window [RCV.NXT, RCV.NXT + RCV.WND) (RFC 9293
 * §3.10.7.4): a segment without data must start in it, one with data must start or end in it.
 * With a zero window, only a segment at exactly RCV.NXT is acceptable: its data cannot be
 * taken, but its ACK can (the "special allowance" of RFC 9293, as Linux makes it).
 */
export function isAcceptable(tcb: Tcb, segment: TcpSegment, window: number): boolean {
  // @solution m2 begin: decide whether a segment's sequence number is acceptable (the four cases of RFC 9293)
  if (window === 0) return segment.seq === tcb.rcvNxt;
  const last = seqAdd(tcb.rcvNxt, window - 1);
  const inWindow = (seq: number): boolean => seqBetween(tcb.rcvNxt, seq, last);
  const length = segmentLength(segment);
  if (length === 0) return inWindow(segment.seq);
  return inWindow(segment.seq) || inWindow(seqAdd(segment.seq, length - 1));
  // @solution end
}

/**
 * Answer a segment whose sequence number is not acceptable: an old duplicate, or a
 * retransmission of something the peer does not know we got. Tell the peer where we are with an
 * ACK (at most one per {@link TCP_INVALID_RATELIMIT_MS} for segments without data, so that two
 * confused hosts cannot ping-pong ACKs). An unacceptable RST is dropped silently. In TIME_WAIT a
 * retransmitted FIN means our last ACK was lost: ACK it again and restart the 2·MSL wait.
 */
export function rejectUnacceptable(socket: TcpConnection, segment: TcpSegment): void {
  // @solution m2 begin: answer an unacceptable segment with an ACK (never a RST; rate-limited without data)
  if (hasFlag(segment, TCP_RST)) return;
  if (socket.tcb.state === 'TIME_WAIT' && hasFlag(segment, TCP_FIN)) startCloseTimer(socket, TCP_TIME_WAIT_MS);
  if (segmentLength(segment) > 0 && !hasFlag(segment, TCP_SYN)) sendAck(socket);
  else sendRateLimitedAck(socket);
  // @solution end
}

/**
 * In SYN_RECEIVED, a SYN with sequence number IRS: the peer's SYN again. On a listener's
 * connection, a bare SYN is the client retransmitting because our SYN-ACK was lost: send the
 * SYN-ACK again (as Linux does). On a simultaneous open, a SYN-ACK that acknowledges our SYN is
 * the peer's answer to our SYN, crossing our SYN-ACK: it completes the handshake like an ACK
 * would, and is acknowledged. Any other SYN gets a challenge ACK.
 *
 * @returns whether to go on with the segment's ACK field.
 */
export function handshakeRepeat(socket: TcpConnection, segment: TcpSegment): boolean {
  // @solution m2 begin: in SYN_RECEIVED, resend the SYN-ACK for a repeated SYN, or take a crossing SYN-ACK as the handshake's ACK
  const tcb = socket.tcb;
  const withAck = hasFlag(segment, TCP_ACK);
  if (!withAck && socket.listener) {
    tcb.retransmittedSegments++;
    // Karn's rule: the ACK that completes the handshake cannot tell which SYN-ACK it answers.
    abandonRttMeasurement(tcb);
    sendSyn(socket, true);
    return false;
  }
  if (withAck && !socket.listener && segment.ack === tcb.sndNxt) {
    tcb.ackPending = true;
    return true;
  }
  sendRateLimitedAck(socket);
  return false;
  // @solution end
}

/**
 * An acceptable RST (SEG.SEQ = RCV.NXT): the connection is reset. A listener's half-open
 * connection just goes away (RFC 9293: it "returns to LISTEN"); any other reports the error
 * Linux gives for its state ({@link resetError}).
 */
export function resetConnection(socket: TcpConnection): void {
  // @solution m2 begin: reset the connection on an acceptable RST (the error each state reports)
  if (socket.tcb.state === 'SYN_RECEIVED' && socket.listener) enterClosed(socket);
  else enterClosed(socket, resetError(socket.tcb.state));
  // @solution end
}

/**
 * The error a reset reports in `state`, as Linux's tcp_reset() chooses it: EPIPE in CLOSE_WAIT
 * (the peer had said it was done sending; now it will not read either), nothing in TIME_WAIT
 * (the connection already ended well), ECONNRESET otherwise. SYN_SENT's ECONNREFUSED is syn-sent.ts's.
 */
export function resetError(state: TcpState): Errno | undefined {
  // @solution m2 begin: the error a RST reports in each state (ECONNRESET; EPIPE in CLOSE_WAIT; none in TIME_WAIT)
  if (state === 'CLOSE_WAIT') return 'EPIPE';
  if (state === 'TIME_WAIT') return undefined;
  return 'ECONNRESET';
  // @solution end
}

/** Send an ACK unless one was rate-limited less than {@link TCP_INVALID_RATELIMIT_MS} ago (challenge ACKs, RFC 5961 §7). */
export function sendRateLimitedAck(socket: TcpConnection): void {
  // @solution m2 begin: send a rate-limited ACK (at most one per 500 ms: challenge ACKs and answers to stray segments)
  const tcb = socket.tcb;
  const now = socket.host.now();
  if (tcb.lastRateLimitedAckAt !== undefined && now - tcb.lastRateLimitedAckAt < TCP_INVALID_RATELIMIT_MS) return;
  tcb.lastRateLimitedAckAt = now;
  sendAck(socket);
  // @solution end
}

/**
 * Whether `segment`, arriving in TIME_WAIT, is a new SYN that may reopen the 4-tuple at once:
 * a bare SYN beyond everything the old connection used (RFC 9293 §3.6.1 and RFC 6191 allow it,
 * and Linux does it: a client reusing its port need not wait out the server's TIME_WAIT).
 */
export function reopensTimeWait(tcb: Tcb, segment: TcpSegment): boolean {
  // @solution m2 begin: recognize a new SYN that may reopen a connection in TIME_WAIT
  const bareSyn = hasFlag(segment, TCP_SYN) && !hasFlag(segment, TCP_ACK) && !hasFlag(segment, TCP_RST);
  return tcb.state === 'TIME_WAIT' && bareSyn && seqGt(segment.seq, tcb.rcvNxt);
  // @solution end
}
