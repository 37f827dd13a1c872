// Generated from reference/packet-wakeups.ts by `npm run starter:build`. This file is yours now: edit it freely.

/**
 * Which sockets a packet may change: the kernel marks them (Host.touch) before the packet is
 * handled, so that once it is handled their waiters are woken if their readiness rose (see
 * wait-queue.ts). A packet changes the socket it is for; a segment that completes a handshake
 * also changes the listener the new connection waits on, since it joins the accept queue.
 */
import type { Host } from './host';
import { IPPROTO_TCP, IPPROTO_UDP, type Ipv4Packet } from './ipv4';
import type { UdpPortTable } from './ports';
import type { TcpConnection } from './tcp/connection';
import type { TcpPortTable } from './tcp/port-table';

/** The port tables, where the sockets are found. */
export interface SocketTables {
  readonly udp: UdpPortTable;
  readonly tcp: TcpPortTable<TcpConnection>;
}

/**
 * Mark the socket of a UDP or TCP packet: an `arriving` one is for the socket it is addressed
 * to; for a packet this host `sent` (quoted by an ICMP error), it is the socket that sent it.
 * Only when some file has a waiter: a host nobody watches does no lookups for this.
 */
export function touchAddressed(host: Host, tables: SocketTables, packet: Ipv4Packet, direction: 'arriving' | 'sent'): void {
  if (host.waiters === 0 || packet.payload.length < 4) return;
  const sourcePort = (packet.payload[0]! << 8) | packet.payload[1]!;
  const destinationPort = (packet.payload[2]! << 8) | packet.payload[3]!;
  const source = { address: packet.source, port: sourcePort };
  const destination = { address: packet.destination, port: destinationPort };
  const [local, remote] = direction === 'arriving' ? [destination, source] : [source, destination];
  switch (packet.protocol) {
    case IPPROTO_UDP:
      host.touch(tables.udp.lookup(local, remote)?.waitQueue);
      return;
    case IPPROTO_TCP: {
      const connection = tables.tcp.lookup(local, remote);
      host.touch(connection?.waitQueue);
      host.touch(connection?.listener?.waitQueue);
      return;
    }
  }
}
