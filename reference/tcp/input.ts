/**
 * TCP's input path: every segment that arrives for this host starts here.
 */
import type { Host } from '../host';
import type { Ipv4Packet } from '../ipv4';
import type { TcpConnection } from './connection';
import { listenInput } from './listen';
import { sendResetFor } from './output';
import type { TcpPortTable } from './port-table';
import { decodeTcp } from './segment';
import { enterClosed } from './state';
import { synSentInput } from './syn-sent';
import { synchronizedInput } from './synchronized';
import { reopensTimeWait } from './validate';

/**
 * Handle the TCP segment in `packet` (its IPv4 header is checked and it is addressed to this
 * host). Count it (TcpInSegs), drop and count a malformed one (TcpInErrs, and TcpInCsumErrors
 * for a bad checksum), find its socket, and hand it to the code for the socket's state: the
 * listener, the active opener in SYN_SENT, or a synchronized connection. A segment no socket
 * wants is answered with RST. A new SYN for a 4-tuple in TIME_WAIT ends the TIME_WAIT and goes
 * to the listener, if there is one.
 */
export function tcpInput(host: Host, ports: TcpPortTable<TcpConnection>, packet: Ipv4Packet): void {
  // @solution m2 begin: take in a segment (decode and count it, find its socket, dispatch on the state, or answer RST)
  host.counters.TcpInSegs++;
  const decoded = decodeTcp(packet.payload, packet.source, packet.destination);
  if (!decoded.ok) {
    if (decoded.problem === 'bad checksum') host.counters.TcpInCsumErrors++;
    host.counters.TcpInErrs++;
    return;
  }
  const { segment } = decoded;
  const local = { address: packet.destination, port: segment.destinationPort };
  const remote = { address: packet.source, port: segment.sourcePort };
  let socket = ports.lookup(local, remote);
  if (socket && reopensTimeWait(socket.tcb, segment)) {
    const listener = ports.findListener(local);
    if (listener) {
      enterClosed(socket);
      socket = listener;
    }
  }
  if (!socket) {
    sendResetFor(host, local, remote, segment);
    return;
  }
  switch (socket.tcb.state) {
    case 'LISTEN':
      listenInput(socket, segment, local, remote);
      return;
    case 'SYN_SENT':
      synSentInput(socket, segment);
      return;
    default:
      synchronizedInput(socket, segment);
  }
  // @solution end
}
