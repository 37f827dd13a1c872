// Generated from reference/tcp/transmit.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

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
import { NotImplemented } from '../../harness/contract';
import type { TcpConnection } from './connection';

/**
 * send(): take as much of `data` as the send buffer (SO_SNDBUF) has room for, and transmit what
 * the window allows. Returns how many bytes were taken.
 *
 * @throws SocketError EAGAIN while the handshake runs or when the buffer is full; the pending
 *   error once (e.g. ECONNRESET) after the connection failed; EPIPE when sending is shut down
 *   (shutdown 'wr', close) or the socket is not connected (as on Linux; no SIGPIPE here).
 */
export function sendData(socket: TcpConnection, data: Uint8Array): number {
  // TODO(m2): send (copy into the send buffer and transmit; EAGAIN, EPIPE, the pending error)
  void socket;
  void data;
  throw new NotImplemented('m2', 'send (copy into the send buffer and transmit; EAGAIN, EPIPE, the pending error)');
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
  // TODO(m2): transmit queued data and the FIN as the peer's window allows (MSS-sized segments, PSH, FIN)
  void socket;
  throw new NotImplemented('m2', 'transmit queued data and the FIN as the peer\'s window allows (MSS-sized segments, PSH, FIN)');
}

/**
 * Nagle's algorithm (RFC 896, with Minshall's change as in Linux): whether a segment shorter than
 * the MSS must wait because an earlier short segment is still unacknowledged. TCP_NODELAY turns
 * it off.
 */
export function nagleHolds(socket: TcpConnection): boolean {
  // TODO(m3): Nagle's algorithm, Minshall's variant (hold a short segment while an earlier short one is unacknowledged)
  void socket;
  throw new NotImplemented('m3', 'Nagle\'s algorithm, Minshall\'s variant (hold a short segment while an earlier short one is unacknowledged)');
}

/**
 * The retransmission timer fired: resend the oldest unacknowledged segment. In the handshake
 * that is the SYN or SYN-ACK; later, the first MSS of unacknowledged data, with the FIN if it fits.
 */
export function retransmitOldest(socket: TcpConnection): void {
  // TODO(m2): retransmit the oldest unacknowledged segment (SYN, SYN-ACK, or data and FIN)
  void socket;
  throw new NotImplemented('m2', 'retransmit the oldest unacknowledged segment (SYN, SYN-ACK, or data and FIN)');
}
