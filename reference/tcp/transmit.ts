/**
 * The sending side of a connection: send() copies the program's bytes into the send queue, and
 * {@link transmitPending} cuts them into segments as the peer's window allows.
 *
 * Milestone 2 keeps this simple, for small data on a loss-free path: every segment goes out as
 * soon as the window allows, and a timeout resends only the oldest unacknowledged segment.
 * Milestone 3 makes it a real sliding window: Nagle's algorithm (unless TCP_NODELAY), the
 * persist timer when the peer's window is zero, and round-trip timing for RFC 6298's timer.
 * Milestone 4 adds the congestion window as one more limit on what {@link transmitPending} may
 * send, and after a timeout has it resend what was lost first.
 */
import { SocketError } from '../../harness/contract';
import type { TcpConnection } from './connection';
import { congestionLimit } from './congestion-window';
import { startRetransmitTimer } from './deadlines';
import { bytesInFlight } from './in-flight';
import { resendAfterLoss } from './loss-resend';
import { sendSegment, sendSyn } from './output';
import { stopPersistTimer, startPersistTimer } from './persist';
import { abandonRttMeasurement, timeSegment } from './rtt';
import { seqAdd, seqGt, seqLeq, seqLt } from './seq';
import { TCP_ACK, TCP_FIN, TCP_PSH } from './segment';

/**
 * send(): take as much of `data` as the send buffer (SO_SNDBUF) has room for, and transmit what
 * the window allows. Returns how many bytes were taken.
 *
 * @throws SocketError EAGAIN while the handshake runs or when the buffer is full; the pending
 *   error once (e.g. ECONNRESET) after the connection failed; EPIPE when sending is shut down
 *   (shutdown 'wr', close) or the socket is not connected (as on Linux; no SIGPIPE here).
 */
export function sendData(socket: TcpConnection, data: Uint8Array): number {
  // @solution m2 begin: send (copy into the send buffer and transmit; EAGAIN, EPIPE, the pending error)
  const tcb = socket.tcb;
  if (tcb.state === 'SYN_SENT' || tcb.state === 'SYN_RECEIVED') throw new SocketError('EAGAIN', 'the handshake is still running');
  if (tcb.state !== 'ESTABLISHED' && tcb.state !== 'CLOSE_WAIT') {
    const error = socket.takeError();
    throw new SocketError(error ?? 'EPIPE', error ? 'the connection failed' : `cannot send in state ${tcb.state}`);
  }
  const room = Math.max(0, socket.sendBufferSize - tcb.sendQueue.length);
  if (data.length > 0 && room === 0) throw new SocketError('EAGAIN', 'the send buffer is full');
  const taken = data.subarray(0, room);
  tcb.sendQueue.push(taken);
  tcb.pushSeq = seqAdd(tcb.sndUna, tcb.sendQueue.length);
  transmitPending(socket);
  return taken.length;
  // @solution end
}

/**
 * Send what the send queue holds and the peer's window allows, in segments of at most MSS data
 * bytes, then the FIN if one is queued. The segment that reaches the end of the latest send()
 * carries PSH (as Linux sets it); the one that empties the queue carries the FIN once the
 * program has shut down sending, if the window has room for it (the FIN takes a sequence
 * number: it waits, alone, for the window as data does). The retransmission timer runs while
 * anything is unacknowledged. From milestone 3 on:
 *
 * - Nagle's algorithm as Linux does it (Minshall's variant): a segment shorter than the MSS waits
 *   while an earlier short segment is unacknowledged, unless TCP_NODELAY is set or it carries the
 *   FIN; the ACK of the earlier one releases it;
 * - when the peer's window is zero and data (or the FIN) waits with nothing in flight, the
 *   persist timer runs;
 * - one new segment at a time is timed for RFC 6298's round-trip estimate.
 *
 * From milestone 4 on, the window is the smaller of the peer's and the congestion window, and
 * after a timeout what was lost is resent first (loss-resend.ts).
 */
export function transmitPending(socket: TcpConnection): void {
  // @solution m2 begin: transmit queued data and the FIN as the peer's window allows (MSS-sized segments, PSH, FIN)
  const tcb = socket.tcb;
  const sending = ['ESTABLISHED', 'CLOSE_WAIT', 'FIN_WAIT_1', 'CLOSING', 'LAST_ACK'];
  if (!sending.includes(tcb.state)) return;
  if (tcb.sndWnd > 0) stopPersistTimer(socket);
  resendAfterLoss(socket);
  while (!tcb.finSent) {
    const sent = bytesInFlight(tcb);
    const unsent = tcb.sendQueue.length - sent;
    const window = Math.min(tcb.sndWnd, congestionLimit(tcb));
    const size = Math.max(0, Math.min(unsent, tcb.mss, window - sent));
    // The FIN takes a sequence number too: it goes with the last data only if the window has room for it.
    const fin = tcb.finQueued && size === unsent && size < window - sent;
    if (size === 0 && !fin) {
      const waiting = unsent > 0 || tcb.finQueued;
      if (waiting && tcb.sndWnd === 0 && !tcb.retransmit.running) startPersistTimer(socket);
      return;
    }
    if (size < tcb.mss && !fin && nagleHolds(socket)) return;
    const end = seqAdd(tcb.sndNxt, size);
    const push = size > 0 && seqLt(tcb.sndNxt, tcb.pushSeq) && seqLeq(tcb.pushSeq, end);
    const flags = TCP_ACK | (push ? TCP_PSH : 0) | (fin ? TCP_FIN : 0);
    sendSegment(socket, { seq: tcb.sndNxt, flags, payload: tcb.sendQueue.peek(sent, size) });
    if (size > 0) timeSegment(tcb, end, socket.host.now());
    if (size < tcb.mss) tcb.smallSegmentEnd = end;
    tcb.sndNxt = seqAdd(end, fin ? 1 : 0);
    tcb.finSent = fin;
    if (!tcb.retransmit.running) startRetransmitTimer(socket);
  }
  // @solution end
}

/**
 * Nagle's algorithm (RFC 896, with Minshall's change as in Linux): whether a segment shorter than
 * the MSS must wait because an earlier short segment is still unacknowledged. TCP_NODELAY turns
 * it off.
 */
export function nagleHolds(socket: TcpConnection): boolean {
  // @solution m3 begin: Nagle's algorithm, Minshall's variant (hold a short segment while an earlier short one is unacknowledged)
  const tcb = socket.tcb;
  return !socket.noDelay && seqGt(tcb.smallSegmentEnd, tcb.sndUna) && seqLeq(tcb.smallSegmentEnd, tcb.sndNxt);
  // @solution end
}

/**
 * The retransmission timer fired: resend the oldest unacknowledged segment. In the handshake
 * that is the SYN or SYN-ACK; later, the first MSS of unacknowledged data, with the FIN if it fits.
 */
export function retransmitOldest(socket: TcpConnection): void {
  // @solution m2 begin: retransmit the oldest unacknowledged segment (SYN, SYN-ACK, or data and FIN)
  const tcb = socket.tcb;
  tcb.retransmittedSegments++;
  abandonRttMeasurement(tcb);
  if (tcb.state === 'SYN_SENT' || tcb.state === 'SYN_RECEIVED') {
    sendSyn(socket, true);
    return;
  }
  const unacknowledged = bytesInFlight(tcb);
  const size = Math.min(unacknowledged, tcb.mss);
  const fin = tcb.finSent && size === unacknowledged;
  const flags = TCP_ACK | (size > 0 && size === unacknowledged ? TCP_PSH : 0) | (fin ? TCP_FIN : 0);
  sendSegment(socket, { seq: tcb.sndUna, flags, payload: tcb.sendQueue.peek(0, size) }, true);
  // @solution end
}
