/**
 * IPv4 addresses: dotted-quad strings (how tests and the kernel contract write them) to and from
 * 32-bit numbers and 4 network-order bytes (how packets carry them).
 */
import { fail, ok, type Decoded } from './result';

/**
 * The source and destination of an IPv4 packet. UDP and TCP checksums cover them (through the
 * pseudo-header), so their codecs take the pair; an {@link Ipv4Header} is one.
 */
export interface AddressPair {
  readonly src: string;
  readonly dst: string;
}

const PART = /^(0|[1-9][0-9]{0,2})$/;

/**
 * Parses a dotted quad, without throwing. Leading zeros are refused because some parsers read
 * them as octal ("010" = 8), so a test would not mean what it says.
 */
export function parseAddress(text: string): Decoded<number> {
  const parts = text.split('.');
  if (parts.length !== 4) return fail(`invalid IPv4 address "${text}": expected 4 dot-separated parts, got ${parts.length}`);
  let n = 0;
  for (const [i, part] of parts.entries()) {
    if (!PART.test(part)) return fail(`invalid IPv4 address "${text}": part ${i + 1} "${part}" is not a decimal number 0-255`);
    const v = Number(part);
    if (v > 255) return fail(`invalid IPv4 address "${text}": part ${i + 1} is ${v}, above 255`);
    n = n * 256 + v;
  }
  return ok(n);
}

/** True when `text` is a valid dotted quad. */
export function isAddress(text: string): boolean {
  return parseAddress(text).ok;
}

/**
 * The numbers of the addresses met lately: every checksum needs two, and parsing the text again
 * for each packet cost more than summing a small packet. Bounded: fuzzed packets bring any address.
 */
const recentAddresses = new Map<string, number>();
const RECENT_ADDRESSES = 256;

/** The address as an unsigned 32-bit number: `addressToNumber('10.0.0.1') === 0x0a000001`. Throws on a bad string. */
export function addressToNumber(text: string): number {
  let n = recentAddresses.get(text);
  if (n === undefined) {
    const parsed = parseAddress(text);
    if (!parsed.ok) throw new RangeError(parsed.reason);
    n = parsed.value;
    if (recentAddresses.size >= RECENT_ADDRESSES) recentAddresses.clear();
    recentAddresses.set(text, n);
  }
  return n;
}

/** The dotted quad of an unsigned 32-bit number. Throws if `n` is not one. */
export function numberToAddress(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError(`${n} is not a 32-bit IPv4 address`);
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join('.');
}

/** The address as 4 bytes in network order. Throws on a bad string. */
export function addressToBytes(text: string): Uint8Array {
  const n = addressToNumber(text);
  return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/** The dotted quad of the 4 bytes at `offset` (which the caller has checked are present). */
export function bytesToAddress(bytes: Uint8Array, offset = 0): string {
  return `${bytes[offset]!}.${bytes[offset + 1]!}.${bytes[offset + 2]!}.${bytes[offset + 3]!}`;
}
