/** The TCP header (RFC 9293 §3.1): encoding with computed data offset and checksum by default, and decoding. */
import type { AddressPair } from './address';
import { checkField, paddedHeaderLength, readU16, readU32, readU8, writeU16, writeU32 } from './bytes';
import { transportChecksum } from './checksum';
import { IPPROTO_TCP } from './ipv4';
import { fail, ok, type Decoded } from './result';
import { decodeTcpOptions, encodeTcpOptions, type TcpOption } from './tcp-options';

/** Size of a TCP header without options. */
export const TCP_MIN_HEADER = 20;

/** The control bits, as they sit in the header's flags byte. Combine with `|`. */
export const TcpFlag = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
  ECE: 0x40,
  CWR: 0x80,
} as const;

/** Every field of a TCP header. */
export interface TcpHeader {
  readonly srcPort: number;
  readonly dstPort: number;
  /** Sequence number (absolute, unsigned 32-bit). */
  readonly seq: number;
  /** Acknowledgment number (meaningful when the ACK flag is set). */
  readonly ack: number;
  /** Header length in 32-bit words (5 without options). */
  readonly dataOffset: number;
  /** The 4 reserved bits before the flags (zero; kept so that any header round-trips). */
  readonly reserved: number;
  /** The control bits: a combination of {@link TcpFlag} values. */
  readonly flags: number;
  readonly window: number;
  readonly checksum: number;
  readonly urgentPointer: number;
  /** The options, in order; the zero padding at the end is not listed (see {@link decodeTcpOptions}). */
  readonly options: readonly TcpOption[];
}

/**
 * What {@link encodeTcp} needs: the ports; other fields default to 0 (window 65535, no options)
 * and data offset and checksum are computed unless given.
 */
export type TcpFields = Pick<TcpHeader, 'srcPort' | 'dstPort'> & Partial<Omit<TcpHeader, 'srcPort' | 'dstPort'>>;

/** A decoded TCP segment. */
export interface TcpSegment {
  readonly header: TcpHeader;
  readonly payload: Uint8Array;
  /** Whether the checksum verifies (over the pseudo-header and the whole segment). */
  readonly checksumOk: boolean;
}

/** Builds a TCP segment for the IPv4 addresses `ip`. Throws on out-of-range fields. */
export function encodeTcp(fields: TcpFields, payload: Uint8Array, ip: AddressPair): Uint8Array {
  const options = encodeTcpOptions(fields.options ?? []);
  const headerBytes = paddedHeaderLength('TCP', options.length);
  const h = {
    srcPort: fields.srcPort,
    dstPort: fields.dstPort,
    seq: fields.seq ?? 0,
    ack: fields.ack ?? 0,
    dataOffset: fields.dataOffset ?? headerBytes / 4,
    reserved: fields.reserved ?? 0,
    flags: fields.flags ?? 0,
    window: fields.window ?? 65535,
    urgentPointer: fields.urgentPointer ?? 0,
  };
  checkField('TCP source port', h.srcPort, 16);
  checkField('TCP destination port', h.dstPort, 16);
  checkField('TCP sequence number', h.seq, 32);
  checkField('TCP acknowledgment number', h.ack, 32);
  checkField('TCP data offset', h.dataOffset, 4);
  checkField('TCP reserved bits', h.reserved, 4);
  checkField('TCP flags', h.flags, 8);
  checkField('TCP window', h.window, 16);
  checkField('TCP urgent pointer', h.urgentPointer, 16);

  const out = new Uint8Array(headerBytes + payload.length);
  writeU16(out, 0, h.srcPort);
  writeU16(out, 2, h.dstPort);
  writeU32(out, 4, h.seq);
  writeU32(out, 8, h.ack);
  out[12] = (h.dataOffset << 4) | h.reserved;
  out[13] = h.flags;
  writeU16(out, 14, h.window);
  writeU16(out, 18, h.urgentPointer);
  out.set(options, TCP_MIN_HEADER);
  out.set(payload, headerBytes);
  const checksum = fields.checksum ?? transportChecksum(ip, IPPROTO_TCP, out);
  checkField('TCP checksum', checksum, 16);
  writeU16(out, 16, checksum);
  return out;
}

/**
 * Decodes the TCP segment that the IPv4 packet from `ip.src` to `ip.dst` carries (all of
 * `bytes` is the segment: the IP layer delimits it); never throws.
 */
export function decodeTcp(bytes: Uint8Array, ip: AddressPair): Decoded<TcpSegment> {
  if (bytes.length < TCP_MIN_HEADER) {
    return fail(`TCP header needs ${TCP_MIN_HEADER} bytes, only ${bytes.length} present`);
  }
  const dataOffset = readU8(bytes, 12) >> 4;
  const headerBytes = dataOffset * 4;
  if (dataOffset < 5) return fail(`TCP data offset ${dataOffset} is below 5`);
  if (headerBytes > bytes.length) {
    return fail(`TCP data offset ${dataOffset} = ${headerBytes} bytes exceeds the ${bytes.length} bytes present`);
  }
  const options = decodeTcpOptions(bytes.subarray(TCP_MIN_HEADER, headerBytes));
  if (!options.ok) return options;
  const header: TcpHeader = {
    srcPort: readU16(bytes, 0),
    dstPort: readU16(bytes, 2),
    seq: readU32(bytes, 4),
    ack: readU32(bytes, 8),
    dataOffset,
    reserved: readU8(bytes, 12) & 0xf,
    flags: readU8(bytes, 13),
    window: readU16(bytes, 14),
    checksum: readU16(bytes, 16),
    urgentPointer: readU16(bytes, 18),
    options: options.value,
  };
  return ok({
    header,
    payload: bytes.slice(headerBytes),
    checksumOk: transportChecksum(ip, IPPROTO_TCP, bytes) === 0,
  });
}
