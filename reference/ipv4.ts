/**
 * The IPv4 header (RFC 791): parsing what arrives and building what leaves.
 *
 * This part is given; it relies on your Internet checksum.
 *
 * ```
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |Type of Service|          Total Length         |
 * |         Identification        |Flags|      Fragment Offset    |
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * |                       Source Address                          |
 * |                    Destination Address                        |
 * |                    Options (IHL > 5)                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * socklab never fragments and does not reassemble: every packet it sends has Don't Fragment set
 * and fits the link (a datagram that would not is refused with EMSGSIZE), and a fragment that
 * arrives is dropped as a header error.
 */
import { addressBytes, formatAddress } from './address';
import { viewOf } from './bytes';
import { internetChecksum } from './checksum';

/** Protocol number of ICMP in the IPv4 header. */
export const IPPROTO_ICMP = 1;
/** Protocol number of TCP. */
export const IPPROTO_TCP = 6;
/** Protocol number of UDP. */
export const IPPROTO_UDP = 17;

/** Length of an IPv4 header without options (IHL = 5 words). */
export const IPV4_HEADER_LENGTH = 20;
/** The largest IPv4 packet: Total Length is a 16-bit field. */
export const IPV4_MAX_PACKET_LENGTH = 65535;
/** The Time to Live socklab puts on its packets (Linux's default, `net.ipv4.ip_default_ttl`). */
export const DEFAULT_TTL = 64;

const FLAG_DONT_FRAGMENT = 0x4000;
const FLAG_MORE_FRAGMENTS = 0x2000;
const FRAGMENT_OFFSET_MASK = 0x1fff;

/** An IPv4 packet taken apart. */
export interface Ipv4Packet {
  /** Sender's address, dotted quad. */
  readonly source: string;
  /** Receiver's address, dotted quad. */
  readonly destination: string;
  /** What the payload is: {@link IPPROTO_UDP}, {@link IPPROTO_TCP}, {@link IPPROTO_ICMP}, ... */
  readonly protocol: number;
  /** Time to Live. */
  readonly ttl: number;
  /** The header exactly as received, options included (ICMP errors quote it). */
  readonly header: Uint8Array;
  /** Everything after the header, up to Total Length. */
  readonly payload: Uint8Array;
}

/** The fields of a packet to send; everything else gets socklab's fixed values. */
export interface Ipv4Outgoing {
  readonly source: string;
  readonly destination: string;
  readonly protocol: number;
  /** Identification field; only fragment reassembly uses it, and socklab never fragments. */
  readonly identification: number;
  readonly payload: Uint8Array;
}

/**
 * Check and take apart a packet from the link.
 *
 * @returns the packet, or undefined when it must be dropped as a header error: shorter than a
 *   header, version not 4, IHL < 5, header longer than the packet, Total Length different from
 *   the packet's length, bad header checksum, or a fragment.
 */
export function parseIpv4(bytes: Uint8Array): Ipv4Packet | undefined {
  const packet = parseHeader(bytes);
  if (!packet) return undefined;
  const view = viewOf(bytes);
  // Links in socklab carry bare IPv4 packets, never padded, so any difference means damage.
  if (view.getUint16(2) !== bytes.length) return undefined;
  if (internetChecksum(packet.header) !== 0) return undefined;
  const fragmentField = view.getUint16(6);
  if ((fragmentField & (FLAG_MORE_FRAGMENTS | FRAGMENT_OFFSET_MASK)) !== 0) return undefined;
  return packet;
}

/**
 * Take apart the packet an ICMP error quotes: its header and the first bytes of its payload
 * (at least 8, RFC 792). Only the header's structure is checked: the quote is cut, so Total
 * Length cannot match, and a router may have changed TTL and checksum on the way.
 *
 * @returns the quoted packet (`payload` holds just the quoted bytes), or undefined if malformed.
 */
export function parseQuotedIpv4(bytes: Uint8Array): Ipv4Packet | undefined {
  return parseHeader(bytes);
}

/** Build a complete packet: a 20-byte header (no options, DF set, header checksum) and the payload. */
export function buildIpv4(outgoing: Ipv4Outgoing): Uint8Array {
  const packet = new Uint8Array(IPV4_HEADER_LENGTH + outgoing.payload.length);
  const view = viewOf(packet);
  view.setUint8(0, (4 << 4) | (IPV4_HEADER_LENGTH / 4));
  view.setUint16(2, packet.length);
  view.setUint16(4, outgoing.identification);
  view.setUint16(6, FLAG_DONT_FRAGMENT);
  view.setUint8(8, DEFAULT_TTL);
  view.setUint8(9, outgoing.protocol);
  packet.set(addressBytes(outgoing.source), 12);
  packet.set(addressBytes(outgoing.destination), 16);
  // The checksum field is still 0 here, as the computation requires.
  view.setUint16(10, internetChecksum(packet.subarray(0, IPV4_HEADER_LENGTH)));
  packet.set(outgoing.payload, IPV4_HEADER_LENGTH);
  return packet;
}

/** The checks every IPv4 header must pass, whole packet or quote; the payload runs to the end of `bytes`. */
function parseHeader(bytes: Uint8Array): Ipv4Packet | undefined {
  if (bytes.length < IPV4_HEADER_LENGTH) return undefined;
  const view = viewOf(bytes);
  const version = view.getUint8(0) >> 4;
  const headerLength = (view.getUint8(0) & 0x0f) * 4;
  if (version !== 4 || headerLength < IPV4_HEADER_LENGTH || headerLength > bytes.length) return undefined;
  return {
    source: formatAddress(bytes, 12),
    destination: formatAddress(bytes, 16),
    protocol: view.getUint8(9),
    ttl: view.getUint8(8),
    header: bytes.subarray(0, headerLength),
    payload: bytes.subarray(headerLength),
  };
}
