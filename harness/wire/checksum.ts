/**
 * The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of the
 * data taken as 16-bit big-endian words, an odd last byte padded with a zero byte.
 *
 * IPv4 puts it over its header; UDP and TCP put it over a pseudo-header (addresses, protocol,
 * length) followed by the segment. {@link ChecksumAccumulator} sums several byte ranges as if
 * they were one, so that the pseudo-header and a segment are summed without copying them together.
 */
import { addressToNumber, type AddressPair } from './address';

/** A running ones' complement sum over a sequence of byte ranges. */
export class ChecksumAccumulator {
  // The sum is kept unfolded; 2^53 allows 2^37 words before precision is lost, far beyond any packet.
  private sum = 0;
  // Whether an odd number of bytes has been added so far: then the next byte is the low half of
  // a word whose high half is already in the sum, exactly as if the ranges were concatenated.
  private odd = false;

  /** Adds `bytes[start, end)` as if it followed the bytes added before. */
  add(bytes: Uint8Array, start = 0, end = bytes.length): this {
    let i = start;
    if (this.odd && i < end) {
      this.sum += bytes[i++] ?? 0;
      this.odd = false;
    }
    for (; i + 1 < end; i += 2) this.sum += ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
    if (i < end) {
      this.sum += (bytes[i] ?? 0) << 8;
      this.odd = true;
    }
    return this;
  }

  /** Adds a 16-bit value as one word (at an even position: only call it between even ranges). */
  addWord(value: number): this {
    this.sum += value & 0xffff;
    return this;
  }

  /** The sum folded to 16 bits (end-around carry). A packet that verifies folds to 0xffff. */
  folded(): number {
    let s = this.sum;
    while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 0x10000);
    return s;
  }

  /** The checksum: the ones' complement of the folded sum. 0 when the data verifies. */
  checksum(): number {
    return ~this.folded() & 0xffff;
  }
}

/** The Internet checksum of the concatenation of `ranges`. */
export function internetChecksum(...ranges: Uint8Array[]): number {
  const acc = new ChecksumAccumulator();
  for (const r of ranges) acc.add(r);
  return acc.checksum();
}

/**
 * An accumulator primed with the IPv4 pseudo-header of UDP and TCP (RFC 768, RFC 9293 §3.1):
 * source and destination address, a zero byte, the protocol number, and the UDP/TCP length.
 * Add the segment to it to get or verify the segment's checksum.
 */
export function pseudoHeaderSum(ip: AddressPair, protocol: number, length: number): ChecksumAccumulator {
  const s = addressToNumber(ip.src);
  const d = addressToNumber(ip.dst);
  return new ChecksumAccumulator()
    .addWord(s >>> 16)
    .addWord(s)
    .addWord(d >>> 16)
    .addWord(d)
    .addWord(protocol)
    .addWord(length);
}

/**
 * The checksum of a UDP or TCP segment under its pseudo-header. Over a segment whose checksum
 * field is zero it gives the value to put there; over a segment with its checksum in place it
 * gives 0 exactly when the checksum verifies.
 */
export function transportChecksum(ip: AddressPair, protocol: number, segment: Uint8Array): number {
  return pseudoHeaderSum(ip, protocol, segment.length).add(segment).checksum();
}
