// Generated from reference/tcp/receive.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * The receiving side of a connection: the data and FIN of arriving segments go into the receive
 * queue, and recv() takes them out.
 *
 * Milestone 2 accepts data only in order: a segment that starts at RCV.NXT (or overlaps it) is
 * taken, and anything after a gap is dropped and answered with an ACK for RCV.NXT, so that the
 * peer resends it. Milestone 3 adds a reassembly queue where {@link receiveText} now drops
 * out-of-order data, and window updates when recv() frees space; nothing else changes shape.
 */
import { NotImplemented } from '../../harness/contract';
import { type TcpSegment } from './segment';
import type { TcpSocket } from './socket';

/** The largest window the 16-bit window field can carry (socklab does not use window scaling, RFC 7323). */
export const TCP_MAX_WINDOW = 65535;

/** RCV.WND: the room left in the receive buffer (SO_RCVBUF), as much of it as the window field can say. */
export function advertisedWindow(socket: TcpSocket): number {
  // TODO(m2): the receive window to advertise (free space in the receive buffer, at most 65535)
  void socket;
  throw new NotImplemented('m2', 'the receive window to advertise (free space in the receive buffer, at most 65535)');
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
  // TODO(m2): take in-order data and the FIN of a segment, and owe the peer an ACK
  void socket;
  void segment;
  throw new NotImplemented('m2', 'take in-order data and the FIN of a segment, and owe the peer an ACK');
}

/**
 * The peer's FIN arrived in order: it will send nothing more. Reads return end of file once the
 * queue is empty; the state moves on: ESTABLISHED → CLOSE_WAIT (our program still has to close),
 * FIN_WAIT_1 → CLOSING (simultaneous close: both FINs crossed), FIN_WAIT_2 → TIME_WAIT.
 */
export function receiveFin(socket: TcpSocket): void {
  // TODO(m2): take the peer's FIN (EOF; CLOSE_WAIT, CLOSING or TIME_WAIT)
  void socket;
  throw new NotImplemented('m2', 'take the peer\'s FIN (EOF; CLOSE_WAIT, CLOSING or TIME_WAIT)');
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
  // TODO(m2): recv (in-order bytes; EOF after the FIN; ENOTCONN, the pending error, EAGAIN)
  void socket;
  void max;
  throw new NotImplemented('m2', 'recv (in-order bytes; EOF after the FIN; ENOTCONN, the pending error, EAGAIN)');
}
