/**
 * The ACK field of an acceptable segment (RFC 9293 §3.10.7.4, "fifth, check the ACK field"):
 * it completes a passive handshake, frees acknowledged bytes, updates the send window, and
 * moves the closing states on once our FIN is acknowledged.
 *
 * Milestone 3 measures round-trip times in {@link acknowledge}; milestone 4 tells congestion
 * control (congestion.ts) of each ACK of new data there, and of each duplicate ACK.
 */
import { isDuplicateAck, onDuplicateAck, onNewAck } from './congestion';
import type { TcpConnection } from './connection';
import { startRetransmitTimer } from './deadlines';
import { completePassiveOpen } from './listen';
import { sendResetFor } from './output';
import { seqAdd, seqDiff, seqGt, seqLeq, seqLt } from './seq';
import type { TcpSegment } from './segment';
import { enterClosed, enterEstablished, enterFinWait2, enterTimeWait } from './state';
import { measureRtt } from './rtt';
import type { Tcb } from './tcb';
import { sendRateLimitedAck } from './validate';

/**
 * Process the ACK of `segment` (its ACK bit is set; its sequence number was found acceptable).
 *
 * @returns whether to go on with the segment's data and FIN: false when it was dropped, or the
 *   connection closed.
 */
export function processAck(socket: TcpConnection, segment: TcpSegment): boolean {
  // @solution m2 begin: process the ACK field (SYN_RECEIVED → ESTABLISHED, SND.UNA, send window, our FIN acknowledged)
  const tcb = socket.tcb;
  tcb.unansweredProbes = 0; // the peer is alive: our zero-window probes reach it
  if (tcb.state === 'SYN_RECEIVED') {
    // It must acknowledge our SYN-ACK; otherwise it belongs to something else: reset it.
    if (!(seqLt(tcb.sndUna, segment.ack) && seqLeq(segment.ack, tcb.sndNxt))) {
      sendResetFor(socket.host, socket.local, socket.remote(), segment);
      return false;
    }
    if (!completePassiveOpen(socket)) return false;
    tcb.sndUna = seqAdd(tcb.sndUna, 1); // our SYN
    enterEstablished(socket);
  }
  // An ACK of what we never sent: drop the segment and say where we are (RFC 9293 §3.10.7.4),
  // at most every 500 ms, as RFC 5961 §5.2 and §7 and Linux have it.
  if (seqGt(segment.ack, tcb.sndNxt)) {
    sendRateLimitedAck(socket);
    return false;
  }
  if (seqLt(tcb.sndUna, segment.ack)) acknowledge(socket, segment.ack);
  else if (isDuplicateAck(tcb, segment)) onDuplicateAck(socket);
  // An old ACK (below SND.UNA) may be a reordered one: it must not roll the window back.
  if (seqLeq(tcb.sndUna, segment.ack)) updateSendWindow(tcb, segment);
  const finAcknowledged = tcb.finSent && tcb.sndUna === tcb.sndNxt;
  if (!finAcknowledged) return true;
  switch (tcb.state) {
    case 'FIN_WAIT_1':
      enterFinWait2(socket);
      return true;
    case 'CLOSING':
      enterTimeWait(socket);
      return true;
    case 'LAST_ACK':
      enterClosed(socket);
      return false;
    default:
      return true;
  }
  // @solution end
}

/**
 * The peer acknowledged everything before `ack` (which is after SND.UNA): drop those bytes from
 * the send queue (making room for send()), advance SND.UNA, and restart the retransmission
 * timer for what is still unacknowledged (or stop it: everything is). New data got through, so
 * the backoff is over.
 */
export function acknowledge(socket: TcpConnection, ack: number): void {
  // @solution m2 begin: advance SND.UNA (free acknowledged bytes, restart or stop the retransmission timer)
  const tcb = socket.tcb;
  // The FIN, if acknowledged, is one sequence number beyond the data: it frees no byte.
  const acknowledged = seqDiff(ack, tcb.sndUna);
  tcb.sendQueue.drop(Math.min(acknowledged, tcb.sendQueue.length));
  tcb.sndUna = ack;
  measureRtt(tcb, ack, socket.host.now());
  tcb.retransmit.reset();
  if (tcb.sndUna === tcb.sndNxt) tcb.retransmit.stop();
  else startRetransmitTimer(socket);
  onNewAck(socket, acknowledged);
  // @solution end
}

/**
 * Take the window `segment` advertises as SND.WND, unless an older segment (by sequence number,
 * then by acknowledgment number) already told us a later one: segments may be reordered, and a
 * stale window must not replace a fresh one (RFC 9293 §3.10.7.4, SND.WL1 and SND.WL2).
 */
export function updateSendWindow(tcb: Tcb, segment: TcpSegment): void {
  // @solution m2 begin: update the send window (SND.WND, with the SND.WL1/SND.WL2 rule)
  if (seqLt(tcb.sndWl1, segment.seq) || (tcb.sndWl1 === segment.seq && seqLeq(tcb.sndWl2, segment.ack))) {
    tcb.sndWnd = segment.window;
    tcb.sndWl1 = segment.seq;
    tcb.sndWl2 = segment.ack;
  }
  // @solution end
}
