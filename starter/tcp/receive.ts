// Generated from reference/tcp/receive.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

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
import { NotImplemented } from '../../harness/contract';
import type { TcpConnection } from './connection';
import { type TcpSegment } from './segment';

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
  // TODO(m2): take in-order data and the FIN of a segment, and owe the peer an ACK
  void socket;
  void segment;
  throw new NotImplemented('m2', 'take in-order data and the FIN of a segment, and owe the peer an ACK');
}

/**
 * Hold the data (and FIN) of `segment`, which starts beyond RCV.NXT, as far as the receive
 * buffer has room for it; what lies beyond the room is dropped (the peer sends it again).
 */
export function holdOutOfOrder(socket: TcpConnection, segment: TcpSegment): void {
  // TODO(m3): hold out-of-order data within the receive window
  void socket;
  void segment;
  throw new NotImplemented('m3', 'hold out-of-order data within the receive window');
}

/**
 * RCV.NXT moved: move the held data it has reached into the receive queue, and take a held FIN
 * that is now in order. Returns whether anything was held: then the data that moved RCV.NXT
 * filled a hole, in whole or in part, and is acknowledged at once (RFC 5681 §4.2), whether or
 * not it reached a held run.
 */
export function deliverHeld(socket: TcpConnection): boolean {
  // TODO(m3): deliver held data that is now in order (and a held FIN)
  void socket;
  throw new NotImplemented('m3', 'deliver held data that is now in order (and a held FIN)');
}

/**
 * The peer's FIN arrived in order: it will send nothing more. Reads return end of file once the
 * queue is empty; the state moves on: ESTABLISHED → CLOSE_WAIT (our program still has to close),
 * FIN_WAIT_1 → CLOSING (simultaneous close: both FINs crossed), FIN_WAIT_2 → TIME_WAIT.
 */
export function receiveFin(socket: TcpConnection): void {
  // TODO(m2): take the peer's FIN (EOF; CLOSE_WAIT, CLOSING or TIME_WAIT)
  void socket;
  throw new NotImplemented('m2', 'take the peer\'s FIN (EOF; CLOSE_WAIT, CLOSING or TIME_WAIT)');
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
  // TODO(m2): recv (in-order bytes; EOF after the FIN; ENOTCONN, the pending error, EAGAIN)
  void socket;
  void max;
  throw new NotImplemented('m2', 'recv (in-order bytes; EOF after the FIN; ENOTCONN, the pending error, EAGAIN)');
}
