/**
 * What UDP does with what arrives: datagrams go to their socket's queue, and ICMP errors about
 * datagrams this host sent go to the socket that sent them.
 */
import type { Errno } from '../harness/contract';
import { viewOf } from './bytes';
import type { Host } from './host';
import { sendPortUnreachable } from './icmp';
import type { Ipv4Packet } from './ipv4';
import type { UdpPortTable } from './ports';
import { decodeUdp } from './udp';

/**
 * Handle the UDP datagram in `packet` (its IPv4 header is checked and it is addressed to this
 * host): decode it, find its socket, and queue it there. Drops are counted: malformed or bad
 * checksum (UdpInErrors, and UdpInCsumErrors for the checksum), no socket (UdpNoPorts, and ICMP
 * port unreachable goes back), queue full (UdpRcvbufErrors and UdpInErrors). A delivered
 * datagram counts in UdpInDatagrams.
 */
export function udpInput(host: Host, ports: UdpPortTable, packet: Ipv4Packet): void {
  // @solution m1 begin: deliver an arriving datagram to its socket, or answer port unreachable
  const decoded = decodeUdp(packet.payload, packet.source, packet.destination);
  if (!decoded.ok) {
    if (decoded.problem === 'bad checksum') host.counters.UdpInCsumErrors++;
    host.counters.UdpInErrors++;
    return;
  }
  const { datagram } = decoded;
  const from = { address: packet.source, port: datagram.sourcePort };
  const socket = ports.lookup({ address: packet.destination, port: datagram.destinationPort }, from);
  if (!socket) {
    host.counters.UdpNoPorts++;
    sendPortUnreachable(host, packet);
    return;
  }
  if (socket.deliver({ data: datagram.payload, from })) {
    host.counters.UdpInDatagrams++;
  } else {
    host.counters.UdpRcvbufErrors++;
    host.counters.UdpInErrors++;
  }
  // @solution end
}

/**
 * ICMP reported `error` about a datagram this host sent; `quote` is that datagram's IPv4
 * header and its first 8 bytes (the UDP ports). The socket that sent it gets the error as its
 * pending error, if it is connected. An unconnected socket ignores it, as on Linux: it may be
 * talking to many peers, and one of them being unreachable is not an error of the socket.
 */
export function udpIcmpError(ports: UdpPortTable, quote: Ipv4Packet, error: Errno): void {
  // @solution m1 begin: give an ICMP error to the connected socket that sent the quoted datagram
  const view = viewOf(quote.payload);
  // The quoted datagram went from us to the peer: look it up as if the peer had sent it to us.
  const local = { address: quote.source, port: view.getUint16(0) };
  const remote = { address: quote.destination, port: view.getUint16(2) };
  const socket = ports.lookup(local, remote);
  if (socket?.peer) socket.pendingError = error;
  // @solution end
}
