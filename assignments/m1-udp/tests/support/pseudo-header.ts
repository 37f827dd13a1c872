/**
 * UDP checksums computed over a wrong pseudo-header: what a sender that got the pseudo-header
 * wrong would send, to check that the stack refuses it.
 */
import { encodeUdp, IPPROTO_UDP, pseudoHeaderSum, type AddressPair } from '../../../../harness/wire';

export interface PseudoHeaderChoice {
  /** The addresses the pseudo-header claims. */
  readonly ip: AddressPair;
  /** The protocol number it claims (UDP's 17 unless given). */
  readonly protocol?: number;
  /** The UDP length it claims (the datagram's own unless given). */
  readonly length?: number;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly payload: Uint8Array;
}

/** The checksum of the datagram under the pseudo-header `choice` describes (0 sent as 0xffff). */
export function checksumUnder(choice: PseudoHeaderChoice): number {
  const { ip, protocol = IPPROTO_UDP, srcPort, dstPort, payload } = choice;
  const segment = encodeUdp({ srcPort, dstPort, checksum: 0 }, payload, ip);
  return pseudoHeaderSum(ip, protocol, choice.length ?? segment.length).add(segment).checksum() || 0xffff;
}
