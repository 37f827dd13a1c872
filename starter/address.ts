// Generated from reference/address.ts by `npm run starter:build`. This file is yours now: edit it freely.

/**
 * IPv4 addresses. socklab passes them around as dotted quads (`'10.0.0.2'`), as {@link SockAddr}
 * does, and turns them into the 4 bytes of the wire only inside the codecs.
 */
import { INADDR_ANY, SocketError, type SockAddr } from '../harness/contract';

/** The largest port number: ports are 16-bit fields. */
export const MAX_PORT = 65535;

/**
 * The 4 bytes of a dotted-quad address, or undefined when `text` is not one.
 * Only plain decimal is accepted: `'010.0.0.1'` is rejected because C's inet_aton() would read
 * `010` as octal 8, a classic source of confusion.
 */
export function parseAddress(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (const [index, part] of parts.entries()) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    bytes[index] = value;
  }
  return bytes;
}

/**
 * The bytes of the addresses met lately. Every packet sent or checked needs its two addresses as
 * bytes, and parsing the text again each time cost more than the rest of a small packet's
 * checksum. Bounded, because packets from anywhere bring addresses without end.
 */
const recentAddresses = new Map<string, Uint8Array>();
const RECENT_ADDRESSES = 256;

/**
 * The 4 bytes of an address that is already known to be valid (it came from a parsed packet or
 * from a checked {@link SockAddr}).
 * @throws RangeError for anything else: that is a bug in the caller, not bad input.
 */
export function addressBytes(text: string): Uint8Array {
  let bytes = recentAddresses.get(text);
  if (!bytes) {
    bytes = parseAddress(text);
    if (!bytes) throw new RangeError(`not an IPv4 address: ${JSON.stringify(text)}`);
    if (recentAddresses.size >= RECENT_ADDRESSES) recentAddresses.clear();
    recentAddresses.set(text, bytes);
  }
  return bytes.slice();
}

/** The 4-byte address at `offset` of `bytes`, as a dotted quad. */
export function formatAddress(bytes: Uint8Array, offset: number): string {
  return Array.from(bytes.subarray(offset, offset + 4)).join('.');
}

/**
 * Check a socket address a program passed in: a dotted quad and an integer port in 0–65535.
 * @throws SocketError EINVAL otherwise.
 */
export function checkSockAddr(addr: SockAddr): void {
  const wellFormed =
    typeof addr.address === 'string' &&
    parseAddress(addr.address) !== undefined &&
    Number.isInteger(addr.port) &&
    addr.port >= 0 &&
    addr.port <= MAX_PORT;
  if (!wellFormed) throw new SocketError('EINVAL', `not an IPv4 socket address: ${JSON.stringify(addr)}`);
}

/**
 * Check that `to` can be a destination: a specific address and a port other than 0.
 * (Linux sends to 0.0.0.0 over its loopback interface; socklab hosts have no loopback, so the
 * wildcard is refused instead of being put on the wire.)
 * @throws SocketError EINVAL otherwise.
 */
export function checkDestination(to: SockAddr): void {
  if (to.address === INADDR_ANY) throw new SocketError('EINVAL', 'cannot send to 0.0.0.0: socklab has no loopback');
  if (to.port === 0) throw new SocketError('EINVAL', 'cannot send to port 0');
}

/** True when two socket addresses are the same address and port. */
export function sameSockAddr(a: SockAddr, b: SockAddr): boolean {
  return a.address === b.address && a.port === b.port;
}
