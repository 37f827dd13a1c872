/**
 * Ending a connection from this side (shutdown(), close(), abort with RST), and a listener's
 * listening (close, or shutdown 'rd').
 */
import { SocketError, type ShutdownHow } from '../../harness/contract';
import type { TcpConnection } from './connection';
import { sendSegment } from './output';
import { TCP_ACK, TCP_RST } from './segment';
import { enterClosed, enterFinWait2 } from './state';
import { transmitPending } from './transmit';

/**
 * close(): the program is done with the socket. A listener stops listening. A connection is
 * closed in order (a FIN after the data still queued: ESTABLISHED → FIN_WAIT_1, CLOSE_WAIT →
 * LAST_ACK) and lives on as an orphan until it reaches CLOSED. But if received data was never
 * read, the connection is aborted with RST instead, so that the peer learns that its data was
 * lost (RFC 2525 §2.17; Linux does the same). A handshake still in SYN_SENT is simply dropped,
 * and a connection in TIME_WAIT just waits out its timer.
 */
export function closeSocket(socket: TcpConnection): void {
  // @solution m2 begin: close (stop listening; FIN after the queued data; RST when received data is unread)
  const tcb = socket.tcb;
  socket.orphan = true;
  if (tcb.state === 'LISTEN') stopListening(socket);
  if (tcb.state === 'CLOSED') {
    socket.ports.release(socket);
    return;
  }
  if (tcb.state === 'SYN_SENT') {
    enterClosed(socket);
    return;
  }
  if (tcb.state === 'TIME_WAIT') return; // nothing left to send: the timer ends it
  if (tcb.receiveQueue.length > 0) {
    abortConnection(socket);
    return;
  }
  tcb.receiveShut = true;
  queueFin(socket);
  if (tcb.state === 'FIN_WAIT_2') enterFinWait2(socket); // already there: now as an orphan, with a time limit
  // @solution end
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
  // @solution m2 begin: shutdown (rd, wr, rdwr; ENOTCONN; a listener stops, SYN_SENT gives up)
  if (how !== 'rd' && how !== 'wr' && how !== 'rdwr') {
    throw new SocketError('EINVAL', `shutdown how must be rd, wr or rdwr, not ${String(how)}`);
  }
  const tcb = socket.tcb;
  const reading = how !== 'wr';
  switch (tcb.state) {
    case 'CLOSED':
      throw new SocketError('ENOTCONN', 'the socket is not connected');
    case 'LISTEN':
      if (reading) stopListening(socket);
      return;
    case 'SYN_SENT':
      socket.connectStatus = 'unconnected';
      enterClosed(socket, 'ECONNRESET');
      return;
    default:
      if (reading) tcb.receiveShut = true;
      if (how !== 'rd') queueFin(socket);
  }
  // @solution end
}

/**
 * Shut down sending: a FIN is to follow the queued data. ESTABLISHED → FIN_WAIT_1 and
 * CLOSE_WAIT → LAST_ACK at once; in SYN_RECEIVED (a simultaneous open) the FIN waits for the
 * handshake to complete (see enterEstablished). In the other states the FIN is already queued.
 */
export function queueFin(socket: TcpConnection): void {
  // @solution m2 begin: queue a FIN after the data (ESTABLISHED → FIN_WAIT_1, CLOSE_WAIT → LAST_ACK)
  const tcb = socket.tcb;
  if (tcb.finQueued) return;
  if (tcb.state === 'ESTABLISHED') tcb.state = 'FIN_WAIT_1';
  else if (tcb.state === 'CLOSE_WAIT') tcb.state = 'LAST_ACK';
  else if (tcb.state !== 'SYN_RECEIVED') return;
  tcb.finQueued = true;
  tcb.sendShut = true;
  transmitPending(socket);
  // @solution end
}

/**
 * Abort the connection: send RST (SEQ = SND.NXT, with the ACK of what we received, as Linux
 * sends it) and enter CLOSED at once, throwing away whatever is queued either way.
 */
export function abortConnection(socket: TcpConnection): void {
  // @solution m2 begin: abort a connection (RST with SEQ = SND.NXT, then CLOSED)
  const tcb = socket.tcb;
  tcb.receiveQueue.clear();
  sendSegment(socket, { seq: tcb.sndNxt, flags: TCP_RST | TCP_ACK });
  enterClosed(socket);
  // @solution end
}

/**
 * Stop listening (close, or shutdown 'rd'): connections waiting in the accept queue are reset,
 * as Linux resets them; half-open ones in the SYN queue are dropped silently (a late ACK from
 * their client will find no socket and be answered with RST). The port stays bound.
 */
export function stopListening(listener: TcpConnection): void {
  // @solution m2 begin: stop listening (reset the connections in the accept queue, drop the half-open ones)
  const queue = listener.listenQueue;
  if (!queue) return;
  for (const child of [...queue.acceptQueue]) abortConnection(child);
  for (const child of [...queue.synQueue]) enterClosed(child);
  listener.listenQueue = undefined;
  listener.tcb.state = 'CLOSED';
  listener.ports.removeListener(listener);
  // @solution end
}
