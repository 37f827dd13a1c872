/**
 * A segment for a connection in SYN_SENT: the answer to our SYN (RFC 9293 §3.10.7.3).
 */
import type { TcpConnection } from './connection';
import { effectiveMss } from './mss';
import { sendAck, sendResetFor, sendSyn } from './output';
import { seqAdd, seqLeq, seqLt } from './seq';
import { hasFlag, TCP_ACK, TCP_RST, TCP_SYN, type TcpSegment } from './segment';
import { enterClosed, enterEstablished } from './state';

/**
 * Handle the answer to our SYN:
 *
 * - an ACK that does not acknowledge our SYN belongs to an old connection: answer RST (unless it
 *   is one) and drop it;
 * - a RST is believed only if its ACK acknowledges our SYN (RFC 5961 §3): the connection is
 *   refused (ECONNREFUSED);
 * - a SYN-ACK completes our side of the handshake: ESTABLISHED, and ACK it;
 * - a bare SYN means the peer opened at the same time (simultaneous open): SYN_RECEIVED, and
 *   answer with SYN-ACK, our SYN again with the ACK of theirs.
 *
 * Data on a SYN is not taken (the peer sends it again after the handshake).
 */
export function synSentInput(socket: TcpConnection, segment: TcpSegment): void {
  // @solution m2 begin: handle a segment in SYN_SENT (SYN-ACK, simultaneous open, RST → ECONNREFUSED, bad ACK → RST)
  const tcb = socket.tcb;
  const withAck = hasFlag(segment, TCP_ACK);
  if (withAck && !(seqLt(tcb.iss, segment.ack) && seqLeq(segment.ack, tcb.sndNxt))) {
    sendResetFor(socket.host, socket.local, socket.remote(), segment);
    return;
  }
  if (hasFlag(segment, TCP_RST)) {
    if (withAck) enterClosed(socket, 'ECONNREFUSED');
    return;
  }
  if (!hasFlag(segment, TCP_SYN)) return;
  tcb.irs = segment.seq;
  tcb.rcvNxt = seqAdd(segment.seq, 1);
  tcb.mss = effectiveMss(socket, segment.options.mss);
  tcb.sndWnd = segment.window;
  tcb.sndWl1 = segment.seq;
  tcb.sndWl2 = withAck ? segment.ack : tcb.iss;
  if (withAck) {
    tcb.sndUna = segment.ack;
    enterEstablished(socket);
    sendAck(socket);
  } else {
    tcb.state = 'SYN_RECEIVED';
    sendSyn(socket);
  }
  // @solution end
}
