/**
 * The receiving side of a connection: the data and FIN of arriving segments go into the receive
 * queue, and recv() takes them out.
 *
 * Milestone 2 accepts data only in order: a segment that starts at RCV.NXT (or overlaps it) is
 * taken, and anything after a gap is dropped and answered with an ACK for RCV.NXT, so that the
 * peer resends it. Milestone 3 adds a reassembly queue where {@link receiveText} now drops
 * out-of-order data, and window updates when recv() frees space; nothing else changes shape.
 */
import { SocketError } from '../../harness/contract';
import { sendResetFor } from './output';
import { seqAdd, seqDiff } from './seq';
import { hasFlag, TCP_FIN, type TcpSegment } from './segment';
import type { TcpSocket } from './socket';
import { enterClosed, enterTimeWait } from './state';

/** The largest window the 16-bit window field can carry (socklab does not use window scaling, RFC 7323). */
export const TCP_MAX_WINDOW = 65535;

/** RCV.WND: the room left in the receive buffer (SO_RCVBUF), as much of it as the window field can say. */
export function advertisedWindow(socket: TcpSocket): number {
  // @solution m2 begin: the receive window to advertise (free space in the receive buffer, at most 65535)
  return Math.min(Math.max(0, socket.receiveBufferSize - socket.tcb.receiveQueue.length), TCP_MAX_WINDOW);
  // @solution end
}

/**
 * The data and FIN of an acceptable `segment` whose ACK has been processed (RFC 9293
 * §3.10.7.4, the segment text and the FIN bit). In-order data goes to the receive queue, as
 * much as fits; any data segment is owed an ACK, in order or not. The FIN counts only when
 * everything before it has arrived. Data after the program can no longer read it (closed, or
 * shut down reading) in FIN_WAIT_1/2 resets the connection, as RFC 9293 §3.10.7.4 and Linux do:
 * the peer must learn that its data was lost.
 */
export function receiveText(socket: TcpSocket, segment: TcpSegment): void {
  // @solution m2 begin: take in-order data and the FIN of a segment, and owe the peer an ACK
  const tcb = socket.tcb;
  const readable = tcb.state === 'ESTABLISHED' || tcb.state === 'FIN_WAIT_1' || tcb.state === 'FIN_WAIT_2';
  if (!readable) return; // After the peer's FIN nothing new can come: a retransmission, already handled.
  if (segment.payload.length > 0) {
    if (tcb.receiveShut && tcb.state !== 'ESTABLISHED') {
      sendResetFor(socket.host, socket.local, socket.remote(), segment);
      enterClosed(socket, 'ECONNRESET');
      return;
    }
    // Skip what already arrived (a retransmission overlapping RCV.NXT); a gap means out of order.
    const skip = seqDiff(tcb.rcvNxt, segment.seq);
    if (skip >= 0 && skip < segment.payload.length) {
      const room = advertisedWindow(socket);
      const fresh = segment.payload.subarray(skip, skip + room);
      tcb.receiveQueue.push(fresh);
      tcb.rcvNxt = seqAdd(tcb.rcvNxt, fresh.length);
    }
    tcb.ackPending = true;
  }
  if (hasFlag(segment, TCP_FIN) && seqAdd(segment.seq, segment.payload.length) === tcb.rcvNxt) receiveFin(socket);
  // @solution end
}

/**
 * The peer's FIN arrived in order: it will send nothing more. Reads return end of file once the
 * queue is empty; the state moves on: ESTABLISHED → CLOSE_WAIT (our program still has to close),
 * FIN_WAIT_1 → CLOSING (simultaneous close: both FINs crossed), FIN_WAIT_2 → TIME_WAIT.
 */
export function receiveFin(socket: TcpSocket): void {
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
 *
 * @throws SocketError ENOTCONN on a listening or never-connected socket; the pending error once
 *   (ECONNRESET, ECONNREFUSED, ...) when the connection failed, after the data that arrived
 *   before; EAGAIN when nothing is there yet.
 */
export function receiveData(socket: TcpSocket, max: number): Uint8Array {
  // @solution m2 begin: recv (in-order bytes; EOF after the FIN; ENOTCONN, the pending error, EAGAIN)
  const tcb = socket.tcb;
  if (tcb.state === 'LISTEN') throw new SocketError('ENOTCONN', 'a listening socket has no data: accept a connection');
  if (tcb.receiveQueue.length > 0 || max === 0) return tcb.receiveQueue.take(max);
  const error = socket.takeError();
  if (error) throw new SocketError(error, 'the connection failed');
  if (tcb.receiveShut) return new Uint8Array(0);
  if (tcb.state === 'CLOSED') throw new SocketError('ENOTCONN', 'the socket is not connected');
  throw new SocketError('EAGAIN', 'no data has arrived yet');
  // @solution end
}
