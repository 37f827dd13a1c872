/**
 * The readiness of a TCP socket, as Linux's tcp_poll() computes it, so that a program sees
 * the same mask on socklab as on Linux.
 */
import { EPOLLERR, EPOLLHUP, EPOLLIN, EPOLLOUT, EPOLLRDHUP } from '../../harness/contract';
import type { TcpConnection } from './connection';

/**
 * The readiness mask of `socket`:
 *
 * - a listener: EPOLLIN when a connection waits in the accept queue, nothing else;
 * - EPOLLHUP when both directions are shut down or the connection is CLOSED (a refused, reset
 *   or timed-out connection, and also a socket never connected, exactly as on Linux);
 * - EPOLLIN | EPOLLRDHUP once nothing more will arrive (the peer's FIN, shutdown 'rd', or the
 *   end of the connection): a read returns end of file instead of blocking;
 * - outside the handshake (SYN_SENT, SYN_RECEIVED show neither): EPOLLIN when data is queued,
 *   and EPOLLOUT when the send buffer has room, or when sending is shut down (a send then fails
 *   at once with EPIPE instead of blocking). So a connect shows EPOLLOUT once it is established;
 * - EPOLLERR while an error is pending (SO_ERROR reads and clears it).
 *
 * A refused connect therefore shows EPOLLIN|EPOLLOUT|EPOLLERR|EPOLLHUP|EPOLLRDHUP, as on Linux.
 */
export function pollTcp(socket: TcpConnection): number {
  // @solution m2 begin: report the readiness of a TCP socket (as Linux's tcp_poll)
  const tcb = socket.tcb;
  if (tcb.state === 'LISTEN') return socket.listenQueue && socket.listenQueue.acceptQueue.size > 0 ? EPOLLIN : 0;
  let mask = 0;
  if ((tcb.receiveShut && tcb.sendShut) || tcb.state === 'CLOSED') mask |= EPOLLHUP;
  if (tcb.receiveShut) mask |= EPOLLIN | EPOLLRDHUP;
  if (tcb.state !== 'SYN_SENT' && tcb.state !== 'SYN_RECEIVED') {
    if (tcb.receiveQueue.length > 0) mask |= EPOLLIN;
    if (tcb.sendShut || tcb.sendQueue.length < socket.sendBufferSize) mask |= EPOLLOUT;
  }
  if (socket.pendingError) mask |= EPOLLERR;
  return mask;
  // @solution end
}
