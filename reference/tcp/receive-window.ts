/**
 * The receive window: how much the peer may send us, and what we tell it in each segment.
 *
 * Milestone 2 advertises the room left in the receive buffer. Milestone 3 adds receiver-side
 * silly-window avoidance (RFC 9293 §3.8.6.2.2, in the form BSD gives it): a window smaller than a
 * worthwhile amount is not offered (the right edge stays where it was, so a full buffer shows a
 * zero window until the reader has freed enough), so that a slow reader freeing a few bytes at a
 * time does not invite the sender to send a few bytes at a time. Once the reader has freed enough,
 * a window update tells the sender at once, instead of waiting for its next segment.
 */
import type { TcpConnection } from './connection';
import { seqAdd, seqDiff, seqGt } from './seq';

/** The largest window the 16-bit window field can carry (socklab does not use window scaling, RFC 7323). */
export const TCP_MAX_WINDOW = 65535;

/** RCV.WND: the room left in the receive buffer (SO_RCVBUF), as much of it as the window field can say. */
export function advertisedWindow(socket: TcpConnection): number {
  // @solution m2 begin: the receive window to advertise (free space in the receive buffer, at most 65535)
  return Math.min(Math.max(0, socket.receiveBufferSize - socket.tcb.receiveQueue.length), TCP_MAX_WINDOW);
  // @solution end
}

/**
 * RCV.WND as the peer knows it: what is left of the window we last announced (0 once RCV.NXT has
 * reached its right edge). A segment must start in it to be acceptable (RFC 9293 §3.10.7.4), even
 * when the buffer has more room than was announced, as Linux has it.
 */
export function announcedWindow(socket: TcpConnection): number {
  return Math.max(0, seqDiff(socket.tcb.advertisedEdge, socket.tcb.rcvNxt));
}

/** The smallest window worth offering: min(half the buffer, one MSS) (RFC 9293 §3.8.6.2.2). */
export function worthwhileIncrease(socket: TcpConnection): number {
  return Math.min(Math.floor(socket.receiveBufferSize / 2), socket.tcb.mss);
}

/**
 * The window to put in the next segment we send: the room in the buffer when that is at least a
 * worthwhile amount; otherwise what is left of the window last announced (its right edge stays
 * where it was, and never moves left).
 */
export function windowToAnnounce(socket: TcpConnection): number {
  // @solution m3 begin: receiver-side silly-window avoidance (no window smaller than a worthwhile amount; the right edge never moves left)
  const tcb = socket.tcb;
  const room = advertisedWindow(socket);
  if (room >= worthwhileIncrease(socket)) return room;
  const announced = seqDiff(tcb.advertisedEdge, tcb.rcvNxt);
  // Before the first ACK the edge means nothing; a smaller buffer (SO_RCVBUF lowered) cannot keep it.
  return announced >= 0 && announced <= room ? announced : 0;
  // @solution end
}

/** A segment announcing `window` (with an ACK, so RCV.NXT is known to the peer) was sent: remember its right edge. */
export function noteWindowAnnounced(socket: TcpConnection, window: number): void {
  socket.tcb.advertisedEdge = seqAdd(socket.tcb.rcvNxt, window);
}

/**
 * recv() made room: whether to send a window update now. Only when the window we would
 * announce is at least twice the one the peer knows (as Linux decides it), so that a reader
 * keeping up with the data causes no extra segments; a closed or nearly closed window always
 * qualifies once the increase is worthwhile.
 */
export function windowUpdateDue(socket: TcpConnection): boolean {
  // @solution m3 begin: decide whether recv() freed enough room to announce it at once
  const tcb = socket.tcb;
  const announced = announcedWindow(socket);
  const window = windowToAnnounce(socket);
  return seqGt(seqAdd(tcb.rcvNxt, window), tcb.advertisedEdge) && window >= 2 * announced;
  // @solution end
}
