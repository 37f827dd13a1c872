// Generated from reference/tcp/close.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * Ending a connection from this side (shutdown(), close(), abort with RST), and a listener's
 * listening (close, or shutdown 'rd').
 */
import { NotImplemented, type ShutdownHow } from '../../harness/contract';
import type { TcpConnection } from './connection';

/**
 * close(): the program is done with the socket. A listener stops listening. A connection is
 * closed in order (a FIN after the data still queued: ESTABLISHED → FIN_WAIT_1, CLOSE_WAIT →
 * LAST_ACK) and lives on as an orphan until it reaches CLOSED. But if received data was never
 * read, the connection is aborted with RST instead, so that the peer learns that its data was
 * lost (RFC 2525 §2.17; Linux does the same). A handshake still in SYN_SENT is simply dropped,
 * and a connection in TIME_WAIT just waits out its timer.
 */
export function closeSocket(socket: TcpConnection): void {
  // TODO(m2): close (stop listening; FIN after the queued data; RST when received data is unread)
  void socket;
  throw new NotImplemented('m2', 'close (stop listening; FIN after the queued data; RST when received data is unread)');
}

/**
 * shutdown(): close one direction or both. Shutting down reading makes recv return end of file
 * once the queue is empty (data still arriving is kept, as on Linux); shutting down writing
 * queues a FIN after the data ({@link queueFin}). As on Linux, shutdown 'rd' (or 'rdwr') stops a
 * listener (shutdown 'wr' does nothing to it), and shutdown in SYN_SENT abandons the handshake.
 *
 * @throws SocketError EINVAL for an unknown `how`; ENOTCONN when there is no connection.
 */
export function shutdown(socket: TcpConnection, how: ShutdownHow): void {
  // TODO(m2): shutdown (rd, wr, rdwr; ENOTCONN; a listener stops, SYN_SENT gives up)
  void socket;
  void how;
  throw new NotImplemented('m2', 'shutdown (rd, wr, rdwr; ENOTCONN; a listener stops, SYN_SENT gives up)');
}

/**
 * Shut down sending: a FIN is to follow the queued data. ESTABLISHED → FIN_WAIT_1 and
 * CLOSE_WAIT → LAST_ACK at once; in SYN_RECEIVED (a simultaneous open) the FIN waits for the
 * handshake to complete (see enterEstablished). In the other states the FIN is already queued.
 */
export function queueFin(socket: TcpConnection): void {
  // TODO(m2): queue a FIN after the data (ESTABLISHED → FIN_WAIT_1, CLOSE_WAIT → LAST_ACK)
  void socket;
  throw new NotImplemented('m2', 'queue a FIN after the data (ESTABLISHED → FIN_WAIT_1, CLOSE_WAIT → LAST_ACK)');
}

/**
 * Abort the connection: send RST (SEQ = SND.NXT, with the ACK of what we received, as Linux
 * sends it) and enter CLOSED at once, throwing away whatever is queued either way.
 */
export function abortConnection(socket: TcpConnection): void {
  // TODO(m2): abort a connection (RST with SEQ = SND.NXT, then CLOSED)
  void socket;
  throw new NotImplemented('m2', 'abort a connection (RST with SEQ = SND.NXT, then CLOSED)');
}

/**
 * Stop listening (close, or shutdown 'rd'): connections waiting in the accept queue are reset,
 * as Linux resets them; half-open ones in the SYN queue are dropped silently (a late ACK from
 * their client will find no socket and be answered with RST). The port stays bound.
 */
export function stopListening(listener: TcpConnection): void {
  // TODO(m2): stop listening (reset the connections in the accept queue, drop the half-open ones)
  void listener;
  throw new NotImplemented('m2', 'stop listening (reset the connections in the accept queue, drop the half-open ones)');
}
