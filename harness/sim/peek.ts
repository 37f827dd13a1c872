/**
 * A few fields of a raw IPv4 packet, read in place without decoding it: what a router needs to
 * forward and what a scripted-drop predicate needs to pick a packet. Anything that does not look
 * like IPv4 reads as undefined (or false). For full decoding, use harness/wire.
 */

const IPV4_MIN_HEADER = 20;
const IPPROTO_TCP = 6;

/** The header length in bytes, or undefined unless this looks like an IPv4 packet. */
function headerLength(packet: Uint8Array): number | undefined {
  const first = packet[0];
  if (first === undefined || first >> 4 !== 4 || packet.length < IPV4_MIN_HEADER) return undefined;
  const length = (first & 0x0f) * 4;
  return length >= IPV4_MIN_HEADER && length <= packet.length ? length : undefined;
}

/** The IPv4 protocol number (6 TCP, 17 UDP, 1 ICMP), or undefined for a packet that is not IPv4. */
export function ipv4Protocol(packet: Uint8Array): number | undefined {
  return headerLength(packet) === undefined ? undefined : packet[9];
}

/** The IPv4 destination address as an unsigned 32-bit number, or undefined for a packet that is not IPv4. */
export function ipv4Destination(packet: Uint8Array): number | undefined {
  if (headerLength(packet) === undefined) return undefined;
  return ((packet[16]! << 24) | (packet[17]! << 16) | (packet[18]! << 8) | packet[19]!) >>> 0;
}

/**
 * Whether the packet is a TCP segment carrying data (payload bytes beyond the TCP header):
 * `link.dropNth(3, isTcpData)` drops the third data segment.
 */
export function isTcpData(packet: Uint8Array): boolean {
  const ipHeader = headerLength(packet);
  if (ipHeader === undefined || packet[9] !== IPPROTO_TCP) return false;
  const totalLength = (packet[2]! << 8) | packet[3]!;
  const dataOffset = packet[ipHeader + 12];
  if (dataOffset === undefined) return false;
  return totalLength - ipHeader - (dataOffset >> 4) * 4 > 0;
}
