/**
 * Datagrams whose one's complement sum carries again after the first fold. Folding the carry of
 * a 32-bit sum back in once leaves at most 0xffff + the carry, which is itself above 0xffff when
 * the low half was close to 0xffff: 0x1ffff folds to 0x10000, which must be folded again, to 1.
 * A stack that folds once only gets such a datagram's checksum one off (0xffff instead of 0xfffe
 * here); random payloads hit the case in a few datagrams per thousand, so these are built for it.
 */
import { addressToNumber, encodeUdp, IPPROTO_UDP } from '../../../../harness/wire';
import type { PseudoHeaderChoice } from './pseudo-header';

/**
 * The sum behind a UDP checksum with no carry folded in: the 16-bit words of the pseudo-header,
 * of the header with its checksum field 0, and of the payload (an odd last byte as a high byte).
 */
export function unfoldedSum(choice: PseudoHeaderChoice): number {
  const { ip, srcPort, dstPort, payload } = choice;
  const segment = encodeUdp({ srcPort, dstPort, checksum: 0 }, payload, ip);
  const [src, dst] = [addressToNumber(ip.src), addressToNumber(ip.dst)];
  let sum = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + IPPROTO_UDP + segment.length;
  for (let at = 0; at < segment.length; at += 2) sum += ((segment[at] ?? 0) << 8) | (segment[at + 1] ?? 0);
  return sum;
}

/** One end-around-carry fold: the carry out of bit 15 added back in at bit 0. */
export function foldOnce(sum: number): number {
  return (sum & 0xffff) + (sum >>> 16);
}

/**
 * The checksum a stack that folds only once computes for `choice` (0 sent as 0xffff): one off
 * the right one when that fold carried again.
 */
export function checksumFoldedOnce(choice: PseudoHeaderChoice): number {
  return ~foldOnce(unfoldedSum(choice)) & 0xffff || 0xffff;
}

/**
 * `choice` with the last whole word of its payload (at an even offset, so it is a word of the
 * sum) set so that the unfolded sum ends in 0xffff. With any carry above it, one fold gives
 * 0xffff + the carry > 0xffff, and a second fold is needed.
 *
 * @throws when the payload has no whole word, or the rest of it sums to too little to carry.
 */
export function carryingAgain(choice: PseudoHeaderChoice): PseudoHeaderChoice {
  const at = (choice.payload.length - 2) & ~1;
  if (at < 0) throw new Error(`a payload of ${choice.payload.length} bytes has no whole word to set`);
  const payload = choice.payload.slice();
  payload.set([0, 0], at);
  const rest = unfoldedSum({ ...choice, payload });
  const word = 0xffff - (rest & 0xffff);
  payload.set([word >> 8, word & 0xff], at);
  const tuned = { ...choice, payload };
  if (foldOnce(unfoldedSum(tuned)) <= 0xffff) throw new Error(`the sum of this ${payload.length}-byte datagram never carries: use a payload of larger words`);
  return tuned;
}
