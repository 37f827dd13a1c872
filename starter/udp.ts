// Generated from reference/udp.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * The UDP datagram (RFC 768): an 8-byte header and the payload.
 *
 * ```
 *  0      7 8     15 16    23 24    31
 * +--------+--------+--------+--------+
 * |   Source Port   | Destination Port|
 * +--------+--------+--------+--------+
 * |     Length      |    Checksum     |
 * +--------+--------+--------+--------+
 * |          data octets ...
 * ```
 *
 * Length counts header and data. The checksum covers the pseudo-header, the header and the data;
 * a checksum of 0 means "none was computed", so a computed 0 is sent as 0xffff (the same number
 * in one's complement arithmetic).
 */
import { IPV4_HEADER_LENGTH, IPV4_MAX_PACKET_LENGTH } from './ipv4';
import { NotImplemented } from '../harness/contract';

/** Length of the UDP header. */
export const UDP_HEADER_LENGTH = 8;

/** A UDP datagram taken apart. */
export interface UdpDatagram {
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly payload: Uint8Array;
}

/** What {@link decodeUdp} found: a datagram, or the reason to drop the bytes. */
export type UdpDecodeResult =
  | { readonly ok: true; readonly datagram: UdpDatagram }
  | { readonly ok: false; readonly problem: 'malformed' | 'bad checksum' };

/**
 * The most payload one datagram may carry on a link of this MTU. socklab never fragments, so a
 * datagram must fit in one IPv4 packet: at most `mtu` bytes, and never more than IPv4's 65535.
 */
export function maxUdpPayload(mtu: number): number {
  return Math.min(mtu, IPV4_MAX_PACKET_LENGTH) - IPV4_HEADER_LENGTH - UDP_HEADER_LENGTH;
}

/**
 * Build the bytes of a UDP datagram, checksum included.
 *
 * @param source - the IPv4 source address, for the pseudo-header.
 * @param destination - the IPv4 destination address, for the pseudo-header.
 */
export function encodeUdp(datagram: UdpDatagram, source: string, destination: string): Uint8Array {
  // TODO(m1): build a UDP datagram with its checksum (RFC 768)
  void datagram;
  void source;
  void destination;
  throw new NotImplemented('m1', 'build a UDP datagram with its checksum (RFC 768)');
}

/**
 * Check and take apart the UDP datagram that arrived from `source` to `destination`.
 *
 * @returns the datagram; or `'malformed'` when the header is cut short or its Length is below 8
 *   or beyond the bytes that arrived; or `'bad checksum'` when a checksum is present (non-zero)
 *   and does not verify. A Length shorter than the bytes ends the datagram there (RFC 768).
 */
export function decodeUdp(bytes: Uint8Array, source: string, destination: string): UdpDecodeResult {
  // TODO(m1): check and parse a UDP datagram (RFC 768)
  void bytes;
  void source;
  void destination;
  throw new NotImplemented('m1', 'check and parse a UDP datagram (RFC 768)');
}
