// Generated from reference/tcp/input.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * TCP's input path: every segment that arrives for this host starts here.
 */
import type { Host } from '../host';
import type { Ipv4Packet } from '../ipv4';
import type { TcpConnection } from './connection';
import type { TcpPortTable } from './port-table';
import { NotImplemented } from '../../harness/contract';

/**
 * Handle the TCP segment in `packet` (its IPv4 header is checked and it is addressed to this
 * host). Count it (TcpInSegs), drop and count a malformed one (TcpInErrs, and TcpInCsumErrors
 * for a bad checksum), find its socket, and hand it to the code for the socket's state: the
 * listener, the active opener in SYN_SENT, or a synchronized connection. A segment no socket
 * wants is answered with RST. A new SYN for a 4-tuple in TIME_WAIT ends the TIME_WAIT and goes
 * to the listener, if there is one.
 */
export function tcpInput(host: Host, ports: TcpPortTable<TcpConnection>, packet: Ipv4Packet): void {
  // TODO(m2): take in a segment (decode and count it, find its socket, dispatch on the state, or answer RST)
  void host;
  void ports;
  void packet;
  throw new NotImplemented('m2', 'take in a segment (decode and count it, find its socket, dispatch on the state, or answer RST)');
}
