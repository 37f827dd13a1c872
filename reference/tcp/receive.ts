/**
 * The receiving side of a connection: the data and FIN of arriving segments go into the receive
 * queue, and recv() takes them out.
 *
 * Milestone 2 accepts data only in order: a segment that starts at RCV.NXT (or overlaps it) is
 * taken, and anything after a gap is dropped and answered with an ACK for RCV.NXT, so that the
 * peer resends it. Milestone 3 holds out-of-order data in a reassembly queue (reassembly.ts),
 * delays the ACK of in-order data (delayed-ack.ts), and sends a window update when recv() frees
 * enough room (receive-window.ts).
 */
import { SocketError } from '../../harness/contract';
import type { TcpConnection } from './connection';
import { acknowledgeInOrderData } from './delayed-ack';
import { sendAck, sendResetFor } from './output';
import { advertisedWindow, announcedWindow, windowUpdateDue } from './receive-window';
import { seqAdd, seqDiff } from './seq';
import { hasFlag, TCP_FIN, type TcpSegment } from './segment';
import { enterClosed, enterTimeWait } from './state';

/**
 * The data and FIN of an acceptable `segment` whose ACK has been processed (RFC 9293
 * §3.10.7.4, the segment text and the FIN bit). In-order data goes to the receive queue, as
 * much as fits; data beyond a gap is held (milestone 3). Any data segment is owed an ACK: at once
 * for out-of-order or duplicate data and for the segment that fills a hole, else delayed. The FIN
 * counts only when everything before it has arrived. Data after the program can no longer read
 * it (closed, or shut down reading) in FIN_WAIT_1/2 resets the connection, as RFC 9293 §3.10.7.4
 * and Linux do: the peer must learn that its data was lost.
 */
export function receiveText(socket: TcpConnection, segment: TcpSegment): void {
  // @solution m2 begin: take in-order data and the FIN of a segment, and owe the peer an ACK
  const tcb = socket.tcb;
  const readable = tcb.state === 'ESTABLISHED' || tcb.state === 'FIN_WAIT_1' || tcb.state === 'FIN_WAIT_2';
  if (!readable) return; // After the peer's FIN nothing new can come: a retransmission, already handled.
  const fin = hasFlag(segment, TCP_FIN);
  if (segment.payload.length === 0 && !fin) return;
  if (segment.payload.length > 0 && tcb.receiveShut && tcb.state !== 'ESTABLISHED') {
    sendResetFor(socket.host, socket.local, socket.remote(), segment);
    enterClosed(socket, 'ECONNRESET');
    return;
  }
  const skip = seqDiff(tcb.rcvNxt, segment.seq);
  if (skip < 0) {
    holdOutOfOrder(socket, segment);
    tcb.ackPending = true; // a duplicate ACK: it tells the sender what is missing
    return;
  }
  // As much as the buffer has room for; nothing while the window announced is zero (RFC 9293: no
  // data is acceptable then; a zero-window probe is answered, its byte not taken, as on Linux).
  const room = announcedWindow(socket) === 0 ? 0 : advertisedWindow(socket);
  const fresh = segment.payload.subarray(skip, skip + room);
  tcb.receiveQueue.push(fresh);
  tcb.rcvNxt = seqAdd(tcb.rcvNxt, fresh.length);
  const holeFilled = fresh.length > 0 && deliverHeld(socket);
  // Held data may have carried RCV.NXT past this segment's FIN (a held copy of it, then taken).
  const finInOrder = fin && seqAdd(segment.seq, segment.payload.length) === tcb.rcvNxt;
  if (finInOrder) receiveFin(socket);
  else if (fresh.length === 0 || holeFilled) tcb.ackPending = true;
  else acknowledgeInOrderData(socket, fresh.length);
  // @solution end
}

/**
 * Hold the data (and FIN) of `segment`, which starts beyond RCV.NXT, as far as the receive
 * buffer has room for it; what lies beyond the room is dropped (the peer sends it again).
 */
export function holdOutOfOrder(socket: TcpConnection, segment: TcpSegment): void {
  // @solution m3 begin: hold out-of-order data within the receive window
  const tcb = socket.tcb;
  const offset = seqDiff(segment.seq, tcb.rcvNxt);
  const fits = Math.max(0, advertisedWindow(socket) - offset);
  const data = segment.payload.subarray(0, fits);
  const fin = hasFlag(segment, TCP_FIN) && data.length === segment.payload.length;
  tcb.outOfOrder.insert(segment.seq, data, fin);
  // @solution end
}

/**
 * RCV.NXT moved: move the held data it has reached into the receive queue, and take a held FIN
 * that is now in order. Returns whether anything was held: then the data that moved RCV.NXT
 * filled a hole, in whole or in part, and is acknowledged at once (RFC 5681 §4.2), whether or
 * not it reached a held run.
 */
export function deliverHeld(socket: TcpConnection): boolean {
  // @solution m3 begin: deliver held data that is now in order (and a held FIN)
  const tcb = socket.tcb;
  if (tcb.outOfOrder.isEmpty) return false;
  for (const run of tcb.outOfOrder.takeFrom(tcb.rcvNxt)) {
    tcb.receiveQueue.push(run.data);
    tcb.rcvNxt = seqAdd(tcb.rcvNxt, run.data.length);
    if (run.fin) receiveFin(socket);
  }
  return true;
  // @solution end
}

/**
 * The peer's FIN arrived in order: it will send nothing more. Reads return end of file once the
 * queue is empty; the state moves on: ESTABLISHED → CLOSE_WAIT (our program still has to close),
 * FIN_WAIT_1 → CLOSING (simultaneous close: both FINs crossed), FIN_WAIT_2 → TIME_WAIT.
 */
export function receiveFin(socket: TcpConnection): void {
  // @solution m2 begin: take the peer's FIN (EOF; CLOSE_WAIT, CLOSING or TIME_WAIT)
  const tcb = socket.tcb;
  tcb.rcvNxt = seqAdd(tcb.rcvNxt, 1);
  tcb.receiveShut = true;
  tcb.ackPending = true;
  if (tcb.state === 'ESTABLISHED') tcb.state = 'CLOSE_WAIT';
  else if (tcb.state === 'FIN_WAIT_1') tcb.state = 'CLOSING';
  else if (tcb.state === 'FIN_WAIT_2') enterTimeWait(socket);
  // @solution end
}

/**
 * recv(): up to `max` bytes of the stream, in order. An empty array means end of file: the peer
 * sent FIN (or reading was shut down, or the connection is over) and everything before it was read.
 * When reading frees enough room, a window update goes out at once (milestone 3).
 *
 * @throws SocketError ENOTCONN on a listening or never-connected socket; the pending error once
 *   (ECONNRESET, ECONNREFUSED, ...) when the connection failed, after the data that arrived
 *   before; EAGAIN when nothing is there yet.
 */
export function receiveData(socket: TcpConnection, max: number): Uint8Array {
  // @solution m2 begin: recv (in-order bytes; EOF after the FIN; ENOTCONN, the pending error, EAGAIN)
  const tcb = socket.tcb;
  if (tcb.state === 'LISTEN') throw new SocketError('ENOTCONN', 'a listening socket has no data: accept a connection');
  if (tcb.receiveQueue.length > 0 || max === 0) {
    const data = tcb.receiveQueue.take(max);
    if (!tcb.receiveShut && data.length > 0 && windowUpdateDue(socket)) sendAck(socket);
    return data;
  }
  const error = socket.takeError();
  if (error) throw new SocketError(error, 'the connection failed');
  if (tcb.receiveShut) return new Uint8Array(0);
  if (tcb.state === 'CLOSED') throw new SocketError('ENOTCONN', 'the socket is not connected');
  throw new SocketError('EAGAIN', 'no data has arrived yet');
  // @solution end
}
