// Generated from reference/tcp/open.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * The active side: connect(), and the initial sequence number (a listener's too).
 */
import { NotImplemented, type SockAddr } from '../../harness/contract';
import type { Host } from '../host';
import type { TcpConnection } from './connection';

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
  // TODO(m2): connect (EINPROGRESS, EALREADY, EISCONN; a second call reports the outcome)
  void socket;
  void to;
  throw new NotImplemented('m2', 'connect (EINPROGRESS, EALREADY, EISCONN; a second call reports the outcome)');
}

/**
 * Active open (RFC 9293 §3.10.1): bind an ephemeral port if the socket has none, fix the local
 * address, choose the ISN, send SYN and enter SYN_SENT, with the retransmission timer running.
 */
export function startHandshake(socket: TcpConnection, to: SockAddr): void {
  // TODO(m2): active open (bind if needed, choose the ISN, send SYN, enter SYN_SENT)
  void socket;
  void to;
  throw new NotImplemented('m2', 'active open (bind if needed, choose the ISN, send SYN, enter SYN_SENT)');
}

/**
 * A random initial sequence number, all 32 bits of it. A predictable ISN lets an attacker who
 * cannot see the traffic forge segments of a connection (RFC 6528); a fresh random one also keeps
 * segments of an old connection from fitting the window of a new one with the same 4-tuple.
 */
export function chooseIsn(host: Host): number {
  // TODO(m2): choose a random 32-bit initial sequence number
  void host;
  throw new NotImplemented('m2', 'choose a random 32-bit initial sequence number');
}
