/**
 * The active side: connect(), and the initial sequence number (a listener's too).
 */
import { INADDR_ANY, SocketError, type SockAddr } from '../../harness/contract';
import { checkDestination } from '../address';
import type { Host } from '../host';
import type { TcpConnection } from './connection';
import { startRetransmitTimer } from './deadlines';
import { sendSyn } from './output';
import { connectionKey } from './port-table';
import { seqAdd } from './seq';
import { Tcb } from './tcb';

/**
 * connect() on a TCP socket, which never blocks (see the Kernel contract):
 *
 * - the first call starts the handshake and throws EINPROGRESS;
 * - while the handshake runs, another call throws EALREADY;
 * - once it is over, the next call reports how it went, as Linux does: it returns normally if
 *   the connection was established (and a later call throws EISCONN), or throws the error it
 *   failed with (ECONNREFUSED, ETIMEDOUT, ...; ECONNABORTED when SO_ERROR already took it), after
 *   which the socket may connect again.
 *
 * A program usually waits for EPOLLOUT instead and reads SO_ERROR; both ways work.
 *
 * @throws SocketError as above; EISCONN on a listening socket; EINVAL for 0.0.0.0 or port 0;
 *   EADDRNOTAVAIL when the 4-tuple is already in use.
 */
export function connect(socket: TcpConnection, to: SockAddr): void {
  // @solution m2 begin: connect (EINPROGRESS, EALREADY, EISCONN; a second call reports the outcome)
  const { state } = socket.tcb;
  switch (socket.connectStatus) {
    case 'connected':
      throw new SocketError('EISCONN', 'the socket is already connected');
    case 'connecting':
      if (state === 'SYN_SENT' || state === 'SYN_RECEIVED') throw new SocketError('EALREADY', 'the handshake is still running');
      if (state === 'CLOSED') {
        socket.connectStatus = 'unconnected';
        throw new SocketError(socket.takeError() ?? 'ECONNABORTED', 'the connection attempt failed');
      }
      socket.connectStatus = 'connected';
      return;
    case 'unconnected':
      if (state !== 'CLOSED') throw new SocketError('EISCONN', `the socket is in state ${state}`);
      startHandshake(socket, to);
      throw new SocketError('EINPROGRESS', 'the handshake has started');
  }
  // @solution end
}

/**
 * Active open (RFC 9293 §3.10.1): bind an ephemeral port if the socket has none, fix the local
 * address, choose the ISN, send SYN and enter SYN_SENT, with the retransmission timer running.
 */
export function startHandshake(socket: TcpConnection, to: SockAddr): void {
  // @solution m2 begin: active open (bind if needed, choose the ISN, send SYN, enter SYN_SENT)
  checkDestination(to);
  if (!socket.isBound) socket.local = socket.ports.bind(socket, { address: INADDR_ANY, port: 0 });
  const local = { address: socket.host.address, port: socket.local.port };
  if (socket.ports.connections.has(connectionKey(local, to))) {
    throw new SocketError('EADDRNOTAVAIL', `a connection from ${local.address}:${local.port} to ${to.address}:${to.port} exists`);
  }
  socket.local = local;
  socket.peer = { address: to.address, port: to.port };
  const tcb = new Tcb();
  tcb.iss = chooseIsn(socket.host);
  tcb.sndUna = tcb.iss;
  tcb.sndNxt = seqAdd(tcb.iss, 1);
  tcb.state = 'SYN_SENT';
  socket.tcb = tcb;
  socket.connectStatus = 'connecting';
  socket.ports.addConnection(socket, socket.peer);
  socket.host.counters.TcpActiveOpens++;
  sendSyn(socket);
  startRetransmitTimer(socket);
  // @solution end
}

/**
 * A random initial sequence number, all 32 bits of it. A predictable ISN lets an attacker who
 * cannot see the traffic forge segments of a connection (RFC 6528); a fresh random one also keeps
 * segments of an old connection from fitting the window of a new one with the same 4-tuple.
 */
export function chooseIsn(host: Host): number {
  // @solution m2 begin: choose a random 32-bit initial sequence number
  return Math.floor(host.random() * 2 ** 32) >>> 0;
  // @solution end
}
