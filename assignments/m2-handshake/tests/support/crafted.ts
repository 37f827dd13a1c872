/**
 * Segments the harness's codec would not build on its own: an IPv4/TCP packet changed after it
 * was built, its TCP checksum made right again (so that the change is the only thing wrong) or
 * left as it was (so that the checksum is what is wrong).
 */
import { bytesToAddress, encodeIpv4, IPPROTO_TCP, transportChecksum } from '../../../../harness/wire';

/** The TCP segment inside an IPv4 packet (a view: changing it changes the packet). */
function segmentOf(packet: Uint8Array): Uint8Array {
  return packet.subarray((packet[0]! & 0x0f) * 4);
}

/** A copy of the IPv4/TCP `packet` with `patch` applied to its TCP bytes, and a TCP checksum that verifies again. */
export function patchTcp(packet: Uint8Array, patch: (segment: Uint8Array) => void): Uint8Array {
  const copy = packet.slice();
  const segment = segmentOf(copy);
  patch(segment);
  segment[16] = 0;
  segment[17] = 0;
  const checksum = transportChecksum({ src: bytesToAddress(copy, 12), dst: bytesToAddress(copy, 16) }, IPPROTO_TCP, segment);
  segment[16] = checksum >> 8;
  segment[17] = checksum & 0xff;
  return copy;
}

/** A copy of the IPv4/TCP `packet` with one bit of its TCP window flipped, and the checksum as it was: it no longer verifies. */
export function withBadChecksum(packet: Uint8Array): Uint8Array {
  const copy = packet.slice();
  segmentOf(copy)[15]! ^= 0x01;
  return copy;
}

/** The IPv4/TCP `packet` with its TCP segment cut to its first `length` bytes (IPv4 lengths right). */
export function truncatedTcp(packet: Uint8Array, length: number): Uint8Array {
  return encodeIpv4({ protocol: IPPROTO_TCP, src: bytesToAddress(packet, 12), dst: bytesToAddress(packet, 16) }, segmentOf(packet).slice(0, length));
}
