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
import { viewOf } from './bytes';
import { internetChecksum, pseudoHeaderSum } from './checksum';
import { IPPROTO_UDP, IPV4_HEADER_LENGTH, IPV4_MAX_PACKET_LENGTH } from './ipv4';

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
  // @solution m1 begin: build a UDP datagram with its checksum (RFC 768)
  const length = UDP_HEADER_LENGTH + datagram.payload.length;
  const bytes = new Uint8Array(length);
  const view = viewOf(bytes);
  view.setUint16(0, datagram.sourcePort);
  view.setUint16(2, datagram.destinationPort);
  view.setUint16(4, length);
  bytes.set(datagram.payload, UDP_HEADER_LENGTH);
  // The checksum field is still 0 while the sum is taken, as the computation requires.
  const checksum = internetChecksum(bytes, pseudoHeaderSum(source, destination, IPPROTO_UDP, length));
  view.setUint16(6, checksum === 0 ? 0xffff : checksum);
  return bytes;
  // @solution end
}

/**
 * Check and take apart the UDP datagram that arrived from `source` to `destination`.
 *
 * @returns the datagram; or `'malformed'` when the header is cut short or its Length is below 8
 *   or beyond the bytes that arrived; or `'bad checksum'` when a checksum is present (non-zero)
 *   and does not verify. A Length shorter than the bytes ends the datagram there (RFC 768).
 */
export function decodeUdp(bytes: Uint8Array, source: string, destination: string): UdpDecodeResult {
  // @solution m1 begin: check and parse a UDP datagram (RFC 768)
  if (bytes.length < UDP_HEADER_LENGTH) return { ok: false, problem: 'malformed' };
  const view = viewOf(bytes);
  const length = view.getUint16(4);
  if (length < UDP_HEADER_LENGTH || length > bytes.length) return { ok: false, problem: 'malformed' };
  const datagram = bytes.subarray(0, length);
  const checksumPresent = view.getUint16(6) !== 0;
  // Summing a datagram with its checksum in place gives 0 exactly when nothing was damaged.
  if (checksumPresent && internetChecksum(datagram, pseudoHeaderSum(source, destination, IPPROTO_UDP, length)) !== 0) {
    return { ok: false, problem: 'bad checksum' };
  }
  return {
    ok: true,
    datagram: {
      sourcePort: view.getUint16(0),
      destinationPort: view.getUint16(2),
      payload: datagram.subarray(UDP_HEADER_LENGTH),
    },
  };
  // @solution end
}
