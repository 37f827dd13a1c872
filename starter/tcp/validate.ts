// Generated from reference/tcp/validate.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * The checks an arriving segment must pass in a synchronized state (SYN_RECEIVED and later)
 * before its ACK and data are looked at (RFC 9293 §3.10.7.4, the first four steps): is its
 * sequence number acceptable, is it a RST, is it a SYN. They keep old duplicates out of the
 * connection, and blind attackers who guess at sequence numbers (RFC 5961).
 */
import { NotImplemented, type Errno, type TcpState } from '../../harness/contract';
import type { TcpConnection } from './connection';
import { type TcpSegment } from './segment';
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
  // TODO(m2): check an arriving segment (acceptable sequence number, RST and SYN rules of RFC 5961)
  void socket;
  void segment;
  throw new NotImplemented('m2', 'check an arriving segment (acceptable sequence number, RST and SYN rules of RFC 5961)');
}

/**
 * Whether `segment` falls in the receive window [RCV.NXT, RCV.NXT + RCV.WND) (RFC 9293
 * §3.10.7.4): a segment without data must start in it, one with data must start or end in it.
 * With a zero window, only a segment at exactly RCV.NXT is acceptable: its data cannot be
 * taken, but its ACK can (the "special allowance" of RFC 9293, as Linux makes it).
 */
export function isAcceptable(tcb: Tcb, segment: TcpSegment, window: number): boolean {
  // TODO(m2): decide whether a segment's sequence number is acceptable (the four cases of RFC 9293)
  void tcb;
  void segment;
  void window;
  throw new NotImplemented('m2', 'decide whether a segment\'s sequence number is acceptable (the four cases of RFC 9293)');
}

/**
 * Answer a segment whose sequence number is not acceptable: an old duplicate, or a
 * retransmission of something the peer does not know we got. Tell the peer where we are with an
 * ACK (at most one per {@link TCP_INVALID_RATELIMIT_MS} for segments without data, so that two
 * confused hosts cannot ping-pong ACKs). An unacceptable RST is dropped silently. In TIME_WAIT a
 * retransmitted FIN means our last ACK was lost: ACK it again and restart the 2·MSL wait.
 */
export function rejectUnacceptable(socket: TcpConnection, segment: TcpSegment): void {
  // TODO(m2): answer an unacceptable segment with an ACK (never a RST; rate-limited without data)
  void socket;
  void segment;
  throw new NotImplemented('m2', 'answer an unacceptable segment with an ACK (never a RST; rate-limited without data)');
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
  // TODO(m2): in SYN_RECEIVED, resend the SYN-ACK for a repeated SYN, or take a crossing SYN-ACK as the handshake's ACK
  void socket;
  void segment;
  throw new NotImplemented('m2', 'in SYN_RECEIVED, resend the SYN-ACK for a repeated SYN, or take a crossing SYN-ACK as the handshake\'s ACK');
}

/**
 * An acceptable RST (SEG.SEQ = RCV.NXT): the connection is reset. A listener's half-open
 * connection just goes away (RFC 9293: it "returns to LISTEN"); any other reports the error
 * Linux gives for its state ({@link resetError}).
 */
export function resetConnection(socket: TcpConnection): void {
  // TODO(m2): reset the connection on an acceptable RST (the error each state reports)
  void socket;
  throw new NotImplemented('m2', 'reset the connection on an acceptable RST (the error each state reports)');
}

/**
 * The error a reset reports in `state`, as Linux's tcp_reset() chooses it: EPIPE in CLOSE_WAIT
 * (the peer had said it was done sending; now it will not read either), nothing in TIME_WAIT
 * (the connection already ended well), ECONNRESET otherwise. SYN_SENT's ECONNREFUSED is syn-sent.ts's.
 */
export function resetError(state: TcpState): Errno | undefined {
  // TODO(m2): the error a RST reports in each state (ECONNRESET; EPIPE in CLOSE_WAIT; none in TIME_WAIT)
  void state;
  throw new NotImplemented('m2', 'the error a RST reports in each state (ECONNRESET; EPIPE in CLOSE_WAIT; none in TIME_WAIT)');
}

/** Send an ACK unless one was rate-limited less than {@link TCP_INVALID_RATELIMIT_MS} ago (challenge ACKs, RFC 5961 §7). */
export function sendRateLimitedAck(socket: TcpConnection): void {
  // TODO(m2): send a rate-limited ACK (at most one per 500 ms: challenge ACKs and answers to stray segments)
  void socket;
  throw new NotImplemented('m2', 'send a rate-limited ACK (at most one per 500 ms: challenge ACKs and answers to stray segments)');
}

/**
 * Whether `segment`, arriving in TIME_WAIT, is a new SYN that may reopen the 4-tuple at once:
 * a bare SYN beyond everything the old connection used (RFC 9293 §3.6.1 and RFC 6191 allow it,
 * and Linux does it: a client reusing its port need not wait out the server's TIME_WAIT).
 */
export function reopensTimeWait(tcb: Tcb, segment: TcpSegment): boolean {
  // TODO(m2): recognize a new SYN that may reopen a connection in TIME_WAIT
  void tcb;
  void segment;
  throw new NotImplemented('m2', 'recognize a new SYN that may reopen a connection in TIME_WAIT');
}
