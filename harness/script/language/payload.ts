/**
 * The bytes a script sends: a write of N bytes and an inbound segment or datagram of N bytes
 * carry the first N bytes of one fixed pattern, so that every backend sends the same bytes and a
 * pcap of any run shows readable text.
 */

const PATTERN = new TextEncoder().encode('abcdefghijklmnopqrstuvwxyz0123456789');

/** `length` bytes of the pattern. */
export function payload(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = PATTERN[i % PATTERN.length]!;
  return bytes;
}
