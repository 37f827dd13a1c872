/** The UDP header (RFC 768): encoding with computed length and checksum by default, and decoding. */
import type { AddressPair } from './address';
import { checkField, readU16, writeU16 } from './bytes';
import { pseudoHeaderSum } from './checksum';
import { IPPROTO_UDP } from './ipv4';
import { fail, ok, type Decoded } from './result';

/** Size of the UDP header. */
export const UDP_HEADER = 8;

/** Every field of a UDP header. */
export interface UdpHeader {
  readonly srcPort: number;
  readonly dstPort: number;
  /** Header plus payload, in bytes. */
  readonly length: number;
  /** 0 means the sender computed none (RFC 768); a computed 0 is sent as 0xffff. */
  readonly checksum: number;
}

/** What {@link encodeUdp} needs: the ports; length and checksum are computed unless given. */
export type UdpFields = Pick<UdpHeader, 'srcPort' | 'dstPort'> & Partial<Pick<UdpHeader, 'length' | 'checksum'>>;

/** A decoded UDP datagram. */
export interface UdpDatagram {
  readonly header: UdpHeader;
  /** The `length - 8` bytes after the header (bytes beyond `length` are ignored). */
  readonly payload: Uint8Array;
  /** True when the checksum verifies, or is 0 (none): a receiver accepts both. */
  readonly checksumOk: boolean;
}

// The receiver's view (RFC 768): the pseudo-header carries the UDP length field, and the sum
// covers the datagram up to that length.
function udpChecksum(ip: AddressPair, length: number, datagram: Uint8Array): number {
  return pseudoHeaderSum(ip, IPPROTO_UDP, length)
    .add(datagram, 0, Math.min(length, datagram.length))
    .checksum();
}

/** Builds a UDP datagram for the IPv4 addresses `ip`. Throws on out-of-range fields. */
export function encodeUdp(fields: UdpFields, payload: Uint8Array, ip: AddressPair): Uint8Array {
  const length = fields.length ?? UDP_HEADER + payload.length;
  checkField('UDP source port', fields.srcPort, 16);
  checkField('UDP destination port', fields.dstPort, 16);
  checkField('UDP length', length, 16);
  const out = new Uint8Array(UDP_HEADER + payload.length);
  writeU16(out, 0, fields.srcPort);
  writeU16(out, 2, fields.dstPort);
  writeU16(out, 4, length);
  out.set(payload, UDP_HEADER);
  // A computed checksum of 0 goes out as its other ones' complement form, 0xffff, because 0 on
  // the wire means "no checksum".
  const checksum = fields.checksum ?? (udpChecksum(ip, length, out) || 0xffff);
  checkField('UDP checksum', checksum, 16);
  writeU16(out, 6, checksum);
  return out;
}

/** Decodes the UDP datagram that the IPv4 packet from `ip.src` to `ip.dst` carries; never throws. */
export function decodeUdp(bytes: Uint8Array, ip: AddressPair): Decoded<UdpDatagram> {
  if (bytes.length < UDP_HEADER) return fail(`UDP header needs ${UDP_HEADER} bytes, only ${bytes.length} present`);
  const header: UdpHeader = {
    srcPort: readU16(bytes, 0),
    dstPort: readU16(bytes, 2),
    length: readU16(bytes, 4),
    checksum: readU16(bytes, 6),
  };
  if (header.length < UDP_HEADER) return fail(`UDP length ${header.length} is below the header's ${UDP_HEADER} bytes`);
  if (header.length > bytes.length) {
    return fail(`UDP length ${header.length} exceeds the ${bytes.length} bytes present`);
  }
  return ok({
    header,
    payload: bytes.slice(UDP_HEADER, header.length),
    checksumOk: header.checksum === 0 || udpChecksum(ip, header.length, bytes) === 0,
  });
}
