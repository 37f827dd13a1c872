/**
 * After a retransmission timeout (milestone 4): everything that was in flight counts as lost, and
 * is resent from the oldest byte on as the window grows again (go-back-N), before any new data, as
 * RFC 5681 §3.1 describes and Linux does. The bytes resent and not yet acknowledged are what is
 * in flight meanwhile: the rest is presumed gone.
 */
import type { TcpConnection } from './connection';
import { congestionLimit } from './congestion-window';
import { startRetransmitTimer } from './deadlines';
import { sendSegment } from './output';
import { seqAdd, seqDiff, seqLt } from './seq';
import { TCP_ACK, TCP_FIN, TCP_PSH } from './segment';

/**
 * In a loss episode, resend what cwnd now has room for, from `resendNext` up to what had been sent
 * when the timer fired, in segments of at most an MSS (the last with the FIN, if one was sent).
 * Resending the oldest segment restarts the retransmission timer, as Linux does: its next timeout
 * is an RTO after that copy.
 */
export function resendAfterLoss(socket: TcpConnection): void {
  // @solution m4 begin: after a timeout, resend the data sent before it from the oldest byte on, as cwnd allows
  const tcb = socket.tcb;
  const congestion = tcb.congestion;
  if (congestion.phase !== 'loss' || congestion.recover === undefined) return;
  // Data sent before the timeout ends before its FIN, if one was sent then.
  const finLost = tcb.finSent && congestion.recover === tcb.sndNxt;
  const dataEnd = finLost ? seqAdd(congestion.recover, -1) : congestion.recover;
  const limit = congestionLimit(tcb);
  while (seqLt(congestion.resendNext, dataEnd) || (finLost && congestion.resendNext === dataEnd)) {
    const resent = seqDiff(congestion.resendNext, tcb.sndUna);
    const size = Math.min(tcb.mss, seqDiff(dataEnd, congestion.resendNext));
    if (resent + Math.max(size, 1) > limit) return;
    const end = seqAdd(congestion.resendNext, size);
    const fin = finLost && end === dataEnd;
    const flags = TCP_ACK | (end === dataEnd && size > 0 ? TCP_PSH : 0) | (fin ? TCP_FIN : 0);
    sendSegment(socket, { seq: congestion.resendNext, flags, payload: tcb.sendQueue.peek(resent, size) }, true);
    tcb.retransmittedSegments++;
    if (resent === 0) startRetransmitTimer(socket);
    congestion.resendNext = seqAdd(end, fin ? 1 : 0);
  }
  // @solution end
}
