/**
 * Ways to damage a packet. Some damage it blindly (cut it, flip a bit), some change one field and
 * reseal the checksum that covers it, so that the damage reaches the check it is aimed at instead
 * of being caught earlier by a checksum.
 */
import type { Rng } from '../../../../../harness/sim/rng';
import { internetChecksum, IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, pseudoHeaderSum } from '../../../../../harness/wire';
import { randomBytes } from '../bytes';

export interface Mutation {
  readonly name: string;
  /** A damaged copy of `packet`; never changes `packet` itself. */
  apply(packet: Uint8Array, rng: Rng): Uint8Array;
}

const IPV4_HEADER = 20;
const UDP_HEADER = 8;

/** The header length the IHL field claims, in bytes. */
const claimedHeaderLength = (packet: Uint8Array): number => ((packet[0] ?? 0) & 0x0f) * 4;

/** A random value in [lo, hi] other than `avoid`. */
function other(rng: Rng, lo: number, hi: number, avoid: ReadonlySet<number>): number {
  for (;;) {
    const value = rng.int(lo, hi);
    if (!avoid.has(value)) return value;
  }
}

/** Rewrite the IPv4 header checksum of `packet` (in place) so that the header verifies again. */
function resealIpv4(packet: Uint8Array): void {
  const headerLength = Math.min(Math.max(claimedHeaderLength(packet), IPV4_HEADER), packet.length);
  packet[10] = 0;
  packet[11] = 0;
  const checksum = internetChecksum(packet.subarray(0, headerLength));
  packet[10] = checksum >> 8;
  packet[11] = checksum & 0xff;
}

/** Change IPv4 header fields of a copy with `edit`, then reseal its checksum; too short a packet is copied unchanged. */
function editIpv4(packet: Uint8Array, edit: (copy: Uint8Array) => void): Uint8Array {
  const copy = packet.slice();
  if (copy.length < IPV4_HEADER) return copy;
  edit(copy);
  resealIpv4(copy);
  return copy;
}

/** Where the UDP header starts, when `packet` claims to carry UDP and has room for its header; else undefined. */
function udpOffset(packet: Uint8Array): number | undefined {
  const offset = claimedHeaderLength(packet);
  if (packet.length < IPV4_HEADER || packet[9] !== IPPROTO_UDP || offset < IPV4_HEADER) return undefined;
  return offset + UDP_HEADER <= packet.length ? offset : undefined;
}

/** Change the UDP header of a copy with `edit`; a packet without one is copied unchanged. */
function editUdp(packet: Uint8Array, edit: (copy: Uint8Array, udp: DataView) => void): Uint8Array {
  const copy = packet.slice();
  const offset = udpOffset(copy);
  if (offset !== undefined) edit(copy, new DataView(copy.buffer, copy.byteOffset + offset, copy.length - offset));
  return copy;
}

const setU16 = (packet: Uint8Array, at: number, value: number): void => {
  packet[at] = value >> 8;
  packet[at + 1] = value & 0xff;
};

const address = (packet: Uint8Array, at: number): string => Array.from(packet.subarray(at, at + 4)).join('.');

/** Damage aimed at IPv4 itself, or blind damage that IPv4 mostly catches. */
export const IPV4_MUTATIONS: readonly Mutation[] = [
  { name: 'cut short', apply: (p, rng) => p.slice(0, rng.int(0, Math.max(0, p.length - 1))) },
  { name: 'bytes appended', apply: (p, rng) => Uint8Array.of(...p, ...randomBytes(rng, rng.int(1, 16))) },
  {
    name: 'one bit flipped',
    apply: (p, rng) => {
      const copy = p.slice();
      if (copy.length > 0) copy[rng.int(0, copy.length - 1)]! ^= 1 << rng.int(0, 7);
      return copy;
    },
  },
  {
    name: 'one byte overwritten',
    apply: (p, rng) => {
      const copy = p.slice();
      if (copy.length > 0) copy[rng.int(0, copy.length - 1)] = rng.int(0, 255);
      return copy;
    },
  },
  { name: 'IP version not 4', apply: (p, rng) => editIpv4(p, (c) => void (c[0] = (other(rng, 0, 15, new Set([4])) << 4) | (c[0]! & 0x0f))) },
  { name: 'IHL changed', apply: (p, rng) => editIpv4(p, (c) => void (c[0] = (c[0]! & 0xf0) | other(rng, 0, 15, new Set([c[0]! & 0x0f])))) },
  { name: 'Total Length changed', apply: (p, rng) => editIpv4(p, (c) => setU16(c, 2, other(rng, 0, 0xffff, new Set([c.length])))) },
  {
    name: 'fragment',
    apply: (p, rng) =>
      editIpv4(p, (c) => {
        const moreFragments = rng.chance(0.5);
        const offset = moreFragments ? rng.int(0, 0x1fff) : rng.int(1, 0x1fff);
        setU16(c, 6, (moreFragments ? 0x2000 : 0) | offset);
      }),
  },
  {
    name: 'addressed to another host',
    apply: (p, rng) =>
      editIpv4(p, (c) => {
        const own = address(c, 16);
        do c.set([10, rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)], 16);
        while (address(c, 16) === own);
      }),
  },
  {
    name: 'protocol unknown to m1',
    apply: (p, rng) => editIpv4(p, (c) => void (c[9] = other(rng, 0, 255, new Set([IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP])))),
  },
];

/** Damage that leaves a valid IPv4 packet (the header checksum and Total Length agree), so that it reaches UDP or ICMP. */
export const TRANSPORT_MUTATIONS: readonly Mutation[] = [
  {
    name: 'cut short, Total Length resealed',
    apply: (p, rng) => editIpv4(p.slice(0, rng.int(IPV4_HEADER, Math.max(IPV4_HEADER, p.length - 1))), (c) => setU16(c, 2, c.length)),
  },
  {
    name: 'bytes appended, Total Length resealed',
    apply: (p, rng) => editIpv4(Uint8Array.of(...p, ...randomBytes(rng, rng.int(1, 16))), (c) => setU16(c, 2, c.length)),
  },
  {
    name: 'one bit flipped after the IPv4 header',
    apply: (p, rng) => {
      const copy = p.slice();
      const start = claimedHeaderLength(copy);
      if (copy.length > start) copy[rng.int(start, copy.length - 1)]! ^= 1 << rng.int(0, 7);
      return copy;
    },
  },
  { name: 'UDP Length changed', apply: (p, rng) => editUdp(p, (_, udp) => udp.setUint16(4, rng.int(0, udp.byteLength + 16))) },
  {
    name: 'UDP Length shortened, checksum resealed',
    apply: (p, rng) =>
      editUdp(p, (copy, udp) => {
        const length = rng.int(UDP_HEADER, udp.byteLength);
        udp.setUint16(4, length);
        udp.setUint16(6, 0);
        const ip = { src: address(copy, 12), dst: address(copy, 16) };
        const segment = new Uint8Array(udp.buffer, udp.byteOffset, length);
        udp.setUint16(6, pseudoHeaderSum(ip, IPPROTO_UDP, length).add(segment).checksum() || 0xffff);
      }),
  },
  { name: 'UDP checksum changed', apply: (p, rng) => editUdp(p, (_, udp) => udp.setUint16(6, other(rng, 0, 0xffff, new Set([udp.getUint16(6)])))) },
  { name: 'UDP checksum 0 (none)', apply: (p) => editUdp(p, (_, udp) => udp.setUint16(6, 0)) },
];
