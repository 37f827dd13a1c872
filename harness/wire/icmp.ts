/**
 * ICMP messages (RFC 792): echo request/reply, destination unreachable quoting the packet that
 * caused it, and any other message as its raw type, code and fields.
 */
import { checkField, readU16, readU32, readU8, writeU16, writeU32 } from './bytes';
import { internetChecksum } from './checksum';
import { decodeIpv4Header, IPPROTO_TCP, IPPROTO_UDP, IPV4_MIN_HEADER, type Ipv4Header } from './ipv4';
import { fail, ok, type Decoded } from './result';

/** Size of the ICMP header: type, code, checksum, and 4 bytes whose meaning depends on the type. */
export const ICMP_HEADER = 8;

/** ICMP type numbers. */
export const IcmpType = { ECHO_REPLY: 0, DEST_UNREACHABLE: 3, ECHO_REQUEST: 8, TIME_EXCEEDED: 11 } as const;

/** Destination unreachable codes (RFC 792, RFC 1191, RFC 1812). */
export const UnreachableCode = {
  NET: 0,
  HOST: 1,
  PROTOCOL: 2,
  PORT: 3,
  FRAGMENTATION_NEEDED: 4,
  ADMIN_PROHIBITED: 13,
} as const;

/** How many bytes of the offending packet's payload an ICMP error quotes after its IP header (RFC 792). */
export const QUOTED_PAYLOAD_BYTES = 8;

/** An ICMP message, without its checksum. */
export type IcmpMessage =
  /** Echo request (type 8) or reply (type 0), code 0: what ping sends and gets back. */
  | { readonly kind: 'echoRequest' | 'echoReply'; readonly id: number; readonly seq: number; readonly data: Uint8Array }
  /**
   * Destination unreachable (type 3). `original` is the start of the packet that could not be
   * delivered: its IP header and the first 8 bytes of its payload (see {@link quoteOriginal}).
   * `nextHopMtu` is the MTU for code 4 (RFC 1191), 0 otherwise.
   */
  | { readonly kind: 'unreachable'; readonly code: number; readonly nextHopMtu?: number; readonly original: Uint8Array }
  /** Any other message: type, code, the 4 type-specific header bytes as a number, and the rest. */
  | { readonly kind: 'other'; readonly type: number; readonly code: number; readonly rest: number; readonly data: Uint8Array };

/** A decoded ICMP message with its checksum. */
export interface IcmpPacket {
  readonly message: IcmpMessage;
  readonly checksum: number;
  readonly checksumOk: boolean;
}

/** The part of a packet that an ICMP error quotes: its IP header and 8 bytes of payload. */
export function quoteOriginal(packet: Uint8Array): Uint8Array {
  const ihl = packet.length > 0 ? (readU8(packet, 0) & 0xf) * 4 : 0;
  return packet.slice(0, Math.max(ihl, IPV4_MIN_HEADER) + QUOTED_PAYLOAD_BYTES);
}

// Type, code, the 4 type-specific bytes, and what follows the header.
function layout(message: IcmpMessage): { type: number; code: number; rest: number; data: Uint8Array } {
  switch (message.kind) {
    case 'echoRequest':
    case 'echoReply':
      checkField('ICMP echo id', message.id, 16);
      checkField('ICMP echo sequence number', message.seq, 16);
      return {
        type: message.kind === 'echoRequest' ? IcmpType.ECHO_REQUEST : IcmpType.ECHO_REPLY,
        code: 0,
        rest: message.id * 0x10000 + message.seq,
        data: message.data,
      };
    case 'unreachable': {
      const mtu = message.nextHopMtu ?? 0;
      checkField('ICMP next-hop MTU', mtu, 16);
      return { type: IcmpType.DEST_UNREACHABLE, code: message.code, rest: mtu, data: message.original };
    }
    case 'other':
      return message;
  }
}

/** Builds an ICMP message; the checksum is computed unless given. Throws on out-of-range fields. */
export function encodeIcmp(message: IcmpMessage, checksum?: number): Uint8Array {
  const { type, code, rest, data } = layout(message);
  checkField('ICMP type', type, 8);
  checkField('ICMP code', code, 8);
  checkField('ICMP rest of header', rest, 32);
  const out = new Uint8Array(ICMP_HEADER + data.length);
  out[0] = type;
  out[1] = code;
  writeU32(out, 4, rest);
  out.set(data, ICMP_HEADER);
  const sum = checksum ?? internetChecksum(out);
  checkField('ICMP checksum', sum, 16);
  writeU16(out, 2, sum);
  return out;
}

/** Decodes an ICMP message (the whole IPv4 payload); never throws. */
export function decodeIcmp(bytes: Uint8Array): Decoded<IcmpPacket> {
  if (bytes.length < ICMP_HEADER) return fail(`ICMP header needs ${ICMP_HEADER} bytes, only ${bytes.length} present`);
  const type = readU8(bytes, 0);
  const code = readU8(bytes, 1);
  const rest = readU32(bytes, 4);
  const data = bytes.slice(ICMP_HEADER);
  let message: IcmpMessage;
  if ((type === IcmpType.ECHO_REQUEST || type === IcmpType.ECHO_REPLY) && code === 0) {
    const kind = type === IcmpType.ECHO_REQUEST ? 'echoRequest' : 'echoReply';
    message = { kind, id: rest >>> 16, seq: rest & 0xffff, data };
  } else if (type === IcmpType.DEST_UNREACHABLE && rest >>> 16 === 0) {
    message = { kind: 'unreachable', code, nextHopMtu: rest, original: data };
  } else {
    // Includes unreachables with the unused bytes set, so that re-encoding gives the same bytes.
    message = { kind: 'other', type, code, rest, data };
  }
  return ok({ message, checksum: readU16(bytes, 2), checksumOk: internetChecksum(bytes) === 0 });
}

/** The packet quoted by an ICMP error, as far as it is there. */
export interface QuotedPacket {
  readonly header: Ipv4Header;
  /** The quoted bytes after the IP header (8 in a well-formed ICMP error). */
  readonly leading: Uint8Array;
  /** The UDP or TCP ports, when the quoted packet is UDP or TCP and its first 4 bytes are quoted. */
  readonly ports?: { readonly src: number; readonly dst: number };
}

/** Decodes the packet quoted by an ICMP error (its total length need not be present); never throws. */
export function decodeQuoted(original: Uint8Array): Decoded<QuotedPacket> {
  const header = decodeIpv4Header(original);
  if (!header.ok) return fail(`quoted packet: ${header.reason}`);
  const leading = original.slice(header.value.ihl * 4);
  const hasPorts = (header.value.protocol === IPPROTO_UDP || header.value.protocol === IPPROTO_TCP) && leading.length >= 4;
  return ok({
    header: header.value,
    leading,
    ...(hasPorts ? { ports: { src: readU16(leading, 0), dst: readU16(leading, 2) } } : {}),
  });
}
