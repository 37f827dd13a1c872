/**
 * ICMP (RFC 792), the IPv4 stack's own messages: it answers pings, tells a sender when a
 * datagram found no socket (port unreachable), and hears the same from other hosts.
 *
 * ```
 *  0                   1                   2                   3
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * |          rest of header: echo: identifier, sequence;          |
 * |                          errors: unused (0)                   |
 * |   body: echo: data;  errors: the offending packet's IPv4      |
 * |   header and the first 8 bytes of its payload                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * The checksum is the Internet checksum of the whole message (no pseudo-header).
 */
import type { Errno } from '../harness/contract';
import { viewOf } from './bytes';
import { internetChecksum } from './checksum';
import type { Host } from './host';
import { IPPROTO_ICMP, parseQuotedIpv4, type Ipv4Packet } from './ipv4';

/** Type: echo reply (the answer to a ping). */
export const ICMP_ECHO_REPLY = 0;
/** Type: destination unreachable; the code says what was unreachable. */
export const ICMP_DEST_UNREACHABLE = 3;
/** Type: echo request (a ping). */
export const ICMP_ECHO_REQUEST = 8;
/** Code of {@link ICMP_DEST_UNREACHABLE}: no socket listens on the destination port. */
export const ICMP_PORT_UNREACHABLE = 3;
/** Length of the ICMP header: type, code, checksum and the 4 bytes of "rest of header". */
export const ICMP_HEADER_LENGTH = 8;
/** How much of the offending packet's payload an ICMP error quotes after its header (RFC 792: 64 bits, enough for the ports). */
export const ICMP_QUOTED_PAYLOAD_LENGTH = 8;

/** An ICMP message taken apart. */
export interface IcmpMessage {
  readonly type: number;
  readonly code: number;
  /** Bytes 4–7 of the header: identifier and sequence number of an echo; 0 in the errors socklab sends. */
  readonly restOfHeader: number;
  readonly body: Uint8Array;
}

/**
 * Where ICMP hands an error to the transport protocol whose packet caused it: the quoted packet
 * (its header and the first bytes of its payload) and the error it means for the sender.
 */
export type TransportErrorHandler = (quote: Ipv4Packet, error: Errno) => void;

/** The bytes of an ICMP message, checksum included. */
export function encodeIcmp(message: IcmpMessage): Uint8Array {
  const bytes = new Uint8Array(ICMP_HEADER_LENGTH + message.body.length);
  const view = viewOf(bytes);
  view.setUint8(0, message.type);
  view.setUint8(1, message.code);
  view.setUint32(4, message.restOfHeader);
  bytes.set(message.body, ICMP_HEADER_LENGTH);
  view.setUint16(2, internetChecksum(bytes));
  return bytes;
}

/** The ICMP message in `bytes`, or undefined when it is shorter than a header or its checksum fails. */
export function decodeIcmp(bytes: Uint8Array): IcmpMessage | undefined {
  if (bytes.length < ICMP_HEADER_LENGTH || internetChecksum(bytes) !== 0) return undefined;
  const view = viewOf(bytes);
  return {
    type: view.getUint8(0),
    code: view.getUint8(1),
    restOfHeader: view.getUint32(4),
    body: bytes.subarray(ICMP_HEADER_LENGTH),
  };
}

/**
 * Handle an ICMP message that arrived in `packet`: answer an echo request with an echo reply,
 * and pass a port unreachable to the transport protocol as ECONNREFUSED. Other messages are
 * counted and ignored.
 */
export function icmpInput(host: Host, packet: Ipv4Packet, onTransportError: TransportErrorHandler): void {
  host.counters.IcmpInMsgs++;
  const message = decodeIcmp(packet.payload);
  if (!message) {
    host.counters.IcmpInErrors++;
    return;
  }
  switch (message.type) {
    case ICMP_ECHO_REQUEST:
      // The reply carries the request's identifier, sequence number and data back unchanged.
      host.sendIp(IPPROTO_ICMP, packet.source, encodeIcmp({ ...message, type: ICMP_ECHO_REPLY, code: 0 }));
      return;
    case ICMP_DEST_UNREACHABLE:
      host.counters.IcmpInDestUnreachs++;
      receiveDestUnreachable(host, message, onTransportError);
      return;
  }
}

/**
 * Tell the sender of `packet` that no socket wanted it: an ICMP destination unreachable, code
 * port unreachable, quoting the packet's IPv4 header and the first 8 bytes of its payload
 * (which hold the UDP ports, so the sender can find the socket that sent it).
 */
export function sendPortUnreachable(host: Host, packet: Ipv4Packet): void {
  // @solution m1 begin: send ICMP port unreachable, quoting the datagram that found no socket
  const quotedPayload = packet.payload.subarray(0, ICMP_QUOTED_PAYLOAD_LENGTH);
  const body = new Uint8Array(packet.header.length + quotedPayload.length);
  body.set(packet.header, 0);
  body.set(quotedPayload, packet.header.length);
  const message = { type: ICMP_DEST_UNREACHABLE, code: ICMP_PORT_UNREACHABLE, restOfHeader: 0, body };
  host.sendIp(IPPROTO_ICMP, packet.source, encodeIcmp(message));
  host.counters.IcmpOutDestUnreachs++;
  // @solution end
}

function receiveDestUnreachable(host: Host, message: IcmpMessage, onTransportError: TransportErrorHandler): void {
  const quote = parseQuotedIpv4(message.body);
  // The transport needs its ports, the first bytes of the quoted payload.
  if (!quote || quote.payload.length < ICMP_QUOTED_PAYLOAD_LENGTH) {
    host.counters.IcmpInErrors++;
    return;
  }
  // Port unreachable is the one code socklab acts on: the peer's host says no socket is there.
  if (message.code === ICMP_PORT_UNREACHABLE) onTransportError(quote, 'ECONNREFUSED');
}
