// Generated from reference/bytes.ts by `npm run starter:build`. This file is yours now: edit it freely.

/**
 * Reading and writing the fields of a packet.
 *
 * Every multi-byte field on the wire is big-endian ("network byte order"). A DataView reads and
 * writes big-endian unless told otherwise, so the codecs use one instead of shifting bytes by hand.
 */

/**
 * A DataView over exactly the bytes of `bytes`. A Uint8Array is often a window into a larger
 * buffer (a UDP payload inside an IPv4 packet), so the view must start at its offset, not at 0.
 */
export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
