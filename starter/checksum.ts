// Generated from reference/checksum.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * The Internet checksum (RFC 1071), used by IPv4, ICMP, UDP and TCP.
 *
 * The sender treats the message as a sequence of 16-bit big-endian words, adds them in one's
 * complement arithmetic (a carry out of bit 15 is added back in at bit 0, the "end-around
 * carry"), and sends the complement of the sum. The receiver sums the message *including* the
 * checksum field: an intact message sums to 0xffff, so its checksum comes out as 0.
 *
 * One's complement addition does not care about the order of the words, which is why UDP and
 * TCP can add a pseudo-header (the addresses from the IPv4 header) to the sum without sending it.
 */
import { NotImplemented } from '../harness/contract';

/**
 * Add the bytes of `data`, read as 16-bit big-endian words, to `sum` in one's complement
 * arithmetic. An odd last byte is the high byte of a word whose low byte is 0.
 *
 * @param sum - a sum to continue from (e.g. {@link pseudoHeaderSum}), in 0..0xffff; 0 to start.
 * @returns the folded sum in 0..0xffff, not complemented.
 */
export function onesComplementSum(data: Uint8Array, sum = 0): number {
  // TODO(m1): add up 16-bit words with end-around carry (RFC 1071)
  void data;
  void sum;
  throw new NotImplemented('m1', 'add up 16-bit words with end-around carry (RFC 1071)');
}

/**
 * The Internet checksum of `data`: the complement of its one's complement sum, as 16 bits.
 *
 * @param sum - a sum to start from, e.g. a pseudo-header's; 0 when there is none.
 * @returns the value for the checksum field when computing (with that field zeroed), or 0
 *   when verifying a message whose checksum field is filled in and correct.
 */
export function internetChecksum(data: Uint8Array, sum = 0): number {
  // TODO(m1): compute the Internet checksum (RFC 1071)
  void data;
  void sum;
  throw new NotImplemented('m1', 'compute the Internet checksum (RFC 1071)');
}

/**
 * The one's complement sum of the pseudo-header that UDP and TCP checksums cover (RFC 768,
 * RFC 9293 §3.1): source address, destination address, a zero byte, the protocol number and
 * the transport length (header plus payload), 12 bytes in all. Including it means a datagram
 * delivered to the wrong address or protocol fails its checksum.
 *
 * @returns the sum (not complemented), to pass as `sum` to {@link internetChecksum}.
 */
export function pseudoHeaderSum(source: string, destination: string, protocol: number, length: number): number {
  // TODO(m1): sum the IPv4 pseudo-header (RFC 768)
  void source;
  void destination;
  void protocol;
  void length;
  throw new NotImplemented('m1', 'sum the IPv4 pseudo-header (RFC 768)');
}
