/**
 * The IPv4 header (RFC 791): encoding with computed length and checksum by default (any field
 * can be forced, to craft a bad packet), and decoding that never throws.
 */
import { addressToBytes, bytesToAddress } from './address';
import { checkField, paddedHeaderLength, readU16, readU8, writeU16 } from './bytes';
import { internetChecksum } from './checksum';
import { fail, ok, type Decoded } from './result';

/** IP protocol numbers of the transports socklab speaks. */
export const IPPROTO_ICMP = 1;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;

/** Size of an IPv4 header without options. */
export const IPV4_MIN_HEADER = 20;

/** Every field of an IPv4 header, as on the wire (addresses as dotted quads). */
export interface Ipv4Header {
  /** 4 for IPv4. */
  readonly version: number;
  /** Header length in 32-bit words (5 without options). */
  readonly ihl: number;
  /** Type of service / DSCP+ECN byte. */
  readonly tos: number;
  /** Length of header plus payload, in bytes. */
  readonly totalLength: number;
  /** Identification, for reassembling fragments. */
  readonly id: number;
  /** The first flag bit, reserved and zero (kept so that any header round-trips). */
  readonly reservedFlag: boolean;
  /** DF: do not fragment. */
  readonly dontFragment: boolean;
  /** MF: more fragments follow. */
  readonly moreFragments: boolean;
  /** Offset of this fragment in 8-byte units, as on the wire. */
  readonly fragmentOffset: number;
  readonly ttl: number;
  /** The payload's protocol: {@link IPPROTO_UDP}, {@link IPPROTO_TCP}, {@link IPPROTO_ICMP}, ... */
  readonly protocol: number;
  readonly checksum: number;
  readonly src: string;
  readonly dst: string;
  /** The option bytes (including padding); empty when ihl is 5. */
  readonly options: Uint8Array;
}

/**
 * What {@link encodeIpv4} needs: addresses and protocol; every other field has a default
 * (version 4, ttl 64, no options, no flags) or is computed (ihl, totalLength, checksum) unless given.
 * Giving a computed field keeps it as given, which is how a test crafts a malformed packet.
 */
export type Ipv4Fields = Pick<Ipv4Header, 'src' | 'dst' | 'protocol'> &
  Partial<Omit<Ipv4Header, 'src' | 'dst' | 'protocol'>>;

/** A decoded IPv4 packet. */
export interface Ipv4Packet {
  readonly header: Ipv4Header;
  /** The bytes after the header, up to totalLength (anything beyond it is link padding, dropped). */
  readonly payload: Uint8Array;
  /** Whether the header checksum verifies. Decoding reports a bad checksum; it does not refuse it. */
  readonly checksumOk: boolean;
}

/** Builds an IPv4 packet: the header described by `fields`, then `payload`. Throws on out-of-range fields. */
export function encodeIpv4(fields: Ipv4Fields, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const options = fields.options ?? new Uint8Array(0);
  const headerBytes = paddedHeaderLength('IPv4', options.length);
  const h = {
    version: fields.version ?? 4,
    ihl: fields.ihl ?? headerBytes / 4,
    tos: fields.tos ?? 0,
    totalLength: fields.totalLength ?? headerBytes + payload.length,
    id: fields.id ?? 0,
    fragmentOffset: fields.fragmentOffset ?? 0,
    ttl: fields.ttl ?? 64,
    protocol: fields.protocol,
  };
  checkField('IPv4 version', h.version, 4);
  checkField('IPv4 ihl', h.ihl, 4);
  checkField('IPv4 tos', h.tos, 8);
  checkField('IPv4 total length', h.totalLength, 16);
  checkField('IPv4 id', h.id, 16);
  checkField('IPv4 fragment offset', h.fragmentOffset, 13);
  checkField('IPv4 ttl', h.ttl, 8);
  checkField('IPv4 protocol', h.protocol, 8);
  const flags = (fields.reservedFlag ? 4 : 0) | (fields.dontFragment ? 2 : 0) | (fields.moreFragments ? 1 : 0);

  const out = new Uint8Array(headerBytes + payload.length);
  out[0] = (h.version << 4) | h.ihl;
  out[1] = h.tos;
  writeU16(out, 2, h.totalLength);
  writeU16(out, 4, h.id);
  writeU16(out, 6, (flags << 13) | h.fragmentOffset);
  out[8] = h.ttl;
  out[9] = h.protocol;
  out.set(addressToBytes(fields.src), 12);
  out.set(addressToBytes(fields.dst), 16);
  out.set(options, IPV4_MIN_HEADER);
  out.set(payload, headerBytes);
  const checksum = fields.checksum ?? internetChecksum(out.subarray(0, headerBytes));
  checkField('IPv4 checksum', checksum, 16);
  writeU16(out, 10, checksum);
  return out;
}

/**
 * Decodes an IPv4 header alone; never throws. Checks only what the header itself says (version,
 * IHL, enough bytes for it), not whether the payload is all there: that is how an ICMP error
 * quotes a packet, cut after 8 bytes of payload.
 */
export function decodeIpv4Header(bytes: Uint8Array): Decoded<Ipv4Header> {
  if (bytes.length < IPV4_MIN_HEADER) {
    return fail(`IPv4 header needs ${IPV4_MIN_HEADER} bytes, only ${bytes.length} present`);
  }
  const version = readU8(bytes, 0) >> 4;
  if (version !== 4) return fail(`IP version ${version} is not 4`);
  const ihl = readU8(bytes, 0) & 0xf;
  if (ihl < 5) return fail(`IPv4 header length (IHL) ${ihl} is below 5`);
  if (ihl * 4 > bytes.length) {
    return fail(`IPv4 header length (IHL) ${ihl} = ${ihl * 4} bytes exceeds the ${bytes.length} bytes present`);
  }
  const flagsAndOffset = readU16(bytes, 6);
  return ok({
    version,
    ihl,
    tos: readU8(bytes, 1),
    totalLength: readU16(bytes, 2),
    id: readU16(bytes, 4),
    reservedFlag: (flagsAndOffset & 0x8000) !== 0,
    dontFragment: (flagsAndOffset & 0x4000) !== 0,
    moreFragments: (flagsAndOffset & 0x2000) !== 0,
    fragmentOffset: flagsAndOffset & 0x1fff,
    ttl: readU8(bytes, 8),
    protocol: readU8(bytes, 9),
    checksum: readU16(bytes, 10),
    src: bytesToAddress(bytes, 12),
    dst: bytesToAddress(bytes, 16),
    options: bytes.slice(IPV4_MIN_HEADER, ihl * 4),
  });
}

/** Decodes an IPv4 packet; never throws. Fails when the header or the lengths cannot be made sense of. */
export function decodeIpv4(bytes: Uint8Array): Decoded<Ipv4Packet> {
  const decoded = decodeIpv4Header(bytes);
  if (!decoded.ok) return decoded;
  const header = decoded.value;
  const headerBytes = header.ihl * 4;
  if (header.totalLength < headerBytes) {
    return fail(`IPv4 total length ${header.totalLength} is below the header length ${headerBytes}`);
  }
  if (header.totalLength > bytes.length) {
    return fail(`IPv4 total length ${header.totalLength} exceeds the ${bytes.length} bytes present`);
  }
  return ok({
    header,
    payload: bytes.slice(headerBytes, header.totalLength),
    checksumOk: internetChecksum(bytes.subarray(0, headerBytes)) === 0,
  });
}
