/**
 * The checksum a packet's field should have held: what a failure names beside the value that
 * does not verify, so that a student compares two numbers instead of recomputing one by hand
 * (the difference between them often says the bug: off by one is a lost end-around carry).
 */
import { writeU16 } from './bytes';
import { internetChecksum, pseudoHeaderSum, transportChecksum } from './checksum';
import { encodeIpv4, IPPROTO_TCP, IPPROTO_UDP } from './ipv4';
import type { Packet } from './packet';

/** Where each transport keeps its checksum field, in bytes from its start. */
const FIELD_OFFSET = { udp: 6, tcp: 16, icmp: 2 } as const;

/** The IPv4 header checksum that would verify over the header's other fields. */
export function verifyingIpv4Checksum(packet: Packet): number {
  // Re-encoded with every field as decoded (lengths and options included) but the checksum, which is computed.
  const header = encodeIpv4({ ...packet.ip.header, checksum: undefined });
  return (header[10]! << 8) | header[11]!;
}

/** The UDP, TCP or ICMP checksum that would verify over the rest of the segment. */
export function verifyingTransportChecksum(packet: Exclude<Packet, { kind: 'unknown' }>): number {
  const { header, payload } = packet.ip;
  // The UDP length bounds what its checksum covers; TCP and ICMP cover the whole IPv4 payload.
  const length = packet.kind === 'udp' ? Math.min(packet.udp.header.length, payload.length) : payload.length;
  const segment = payload.slice(0, length);
  writeU16(segment, FIELD_OFFSET[packet.kind], 0);
  switch (packet.kind) {
    case 'udp':
      // RFC 768: a computed 0 is sent as 0xffff, since 0 says "no checksum".
      return pseudoHeaderSum(header, IPPROTO_UDP, packet.udp.header.length).add(segment).checksum() || 0xffff;
    case 'tcp':
      return transportChecksum(header, IPPROTO_TCP, segment);
    case 'icmp':
      return internetChecksum(segment);
  }
}
