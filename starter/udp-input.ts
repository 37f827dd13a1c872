// Generated from reference/udp-input.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * What UDP does with what arrives: datagrams go to their socket's queue, and ICMP errors about
 * datagrams this host sent go to the socket that sent them.
 */
import { NotImplemented, type Errno } from '../harness/contract';
import type { Host } from './host';
import type { Ipv4Packet } from './ipv4';
import type { UdpPortTable } from './ports';

/**
 * Handle the UDP datagram in `packet` (its IPv4 header is checked and it is addressed to this
 * host): decode it, find its socket, and queue it there. Drops are counted: malformed or bad
 * checksum (UdpInErrors, and UdpInCsumErrors for the checksum), no socket (UdpNoPorts, and ICMP
 * port unreachable goes back), queue full (UdpRcvbufErrors and UdpInErrors). A delivered
 * datagram counts in UdpInDatagrams.
 */
export function udpInput(host: Host, ports: UdpPortTable, packet: Ipv4Packet): void {
  // TODO(m1): deliver an arriving datagram to its socket, or answer port unreachable
  void host;
  void ports;
  void packet;
  throw new NotImplemented('m1', 'deliver an arriving datagram to its socket, or answer port unreachable');
}

/**
 * ICMP reported `error` about a datagram this host sent; `quote` is that datagram's IPv4
 * header and its first 8 bytes (the UDP ports). The socket that sent it gets the error as its
 * pending error, if it is connected. An unconnected socket ignores it, as on Linux: it may be
 * talking to many peers, and one of them being unreachable is not an error of the socket.
 */
export function udpIcmpError(ports: UdpPortTable, quote: Ipv4Packet, error: Errno): void {
  // TODO(m1): give an ICMP error to the connected socket that sent the quoted datagram
  void ports;
  void quote;
  void error;
  throw new NotImplemented('m1', 'give an ICMP error to the connected socket that sent the quoted datagram');
}
