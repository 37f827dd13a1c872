/**
 * Whole packets: decode an IPv4 packet down to its transport in one call, and build a UDP, TCP
 * or ICMP packet in one call with every length and checksum right unless a test overrides it.
 */
import type { AddressPair } from './address';
import { hex } from './bytes';
import { decodeIcmp, encodeIcmp, type IcmpMessage, type IcmpPacket } from './icmp';
import { decodeIpv4, encodeIpv4, IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, type Ipv4Fields, type Ipv4Packet } from './ipv4';
import { ok, type Decoded } from './result';
import { decodeTcp, encodeTcp, type TcpFields, type TcpSegment } from './tcp';
import { decodeUdp, encodeUdp, type UdpDatagram, type UdpFields } from './udp';
import { verifyingIpv4Checksum, verifyingTransportChecksum } from './verifying-checksum';

/** What an IPv4 packet carries, decoded. */
export type Transport =
  | { readonly kind: 'udp'; readonly udp: UdpDatagram }
  | { readonly kind: 'tcp'; readonly tcp: TcpSegment }
  | { readonly kind: 'icmp'; readonly icmp: IcmpPacket }
  /** Another protocol, or a fragment (whose transport cannot be decoded on its own): see `ip.payload`. */
  | { readonly kind: 'unknown' };

/** A decoded IPv4 packet and its decoded transport. */
export type Packet = { readonly ip: Ipv4Packet } & Transport;

function decodeTransport(ip: Ipv4Packet): Decoded<Transport> {
  const { header, payload } = ip;
  if (header.moreFragments || header.fragmentOffset !== 0) return ok({ kind: 'unknown' });
  const lift = <T>(d: Decoded<T>, wrap: (value: T) => Transport): Decoded<Transport> =>
    d.ok ? ok(wrap(d.value)) : d;
  switch (header.protocol) {
    case IPPROTO_UDP:
      return lift(decodeUdp(payload, header), (udp) => ({ kind: 'udp', udp }));
    case IPPROTO_TCP:
      return lift(decodeTcp(payload, header), (tcp) => ({ kind: 'tcp', tcp }));
    case IPPROTO_ICMP:
      return lift(decodeIcmp(payload), (icmp) => ({ kind: 'icmp', icmp }));
    default:
      return ok({ kind: 'unknown' });
  }
}

/**
 * Decodes an IPv4 packet and its UDP, TCP or ICMP payload; never throws. Fails when either layer
 * cannot be made sense of; bad checksums are reported in the result (see {@link checksumProblems}).
 */
export function decodePacket(bytes: Uint8Array): Decoded<Packet> {
  const ip = decodeIpv4(bytes);
  if (!ip.ok) return ip;
  const transport = decodeTransport(ip.value);
  if (!transport.ok) return transport;
  return ok({ ip: ip.value, ...transport.value });
}

/**
 * One sentence per checksum in the packet that does not verify, with the value that would have:
 * `UDP checksum 0xbbfa does not verify (0xbbfb would)`; empty when all verify.
 */
export function checksumProblems(packet: Packet): string[] {
  const problems: string[] = [];
  // The verifying value is computed only for a checksum that failed: most packets have none.
  const check = (what: string, checksum: number, verified: boolean, verifying: () => number): void => {
    if (!verified) problems.push(`${what} checksum ${hex(checksum, 4)} does not verify (${hex(verifying(), 4)} would)`);
  };
  check('IPv4 header', packet.ip.header.checksum, packet.ip.checksumOk, () => verifyingIpv4Checksum(packet));
  if (packet.kind === 'unknown') return problems;
  const transport = (): number => verifyingTransportChecksum(packet);
  if (packet.kind === 'udp') check('UDP', packet.udp.header.checksum, packet.udp.checksumOk, transport);
  if (packet.kind === 'tcp') check('TCP', packet.tcp.header.checksum, packet.tcp.checksumOk, transport);
  if (packet.kind === 'icmp') check('ICMP', packet.icmp.checksum, packet.icmp.checksumOk, transport);
  return problems;
}

/** The parts of a packet description that every builder takes. */
export interface PacketBase extends AddressPair {
  /** Overrides of IPv4 header fields (ttl, id, flags, options, or a bad checksum or length). */
  readonly ip?: Partial<Omit<Ipv4Fields, 'src' | 'dst'>>;
}

/** A UDP packet: addresses, ports, payload, and any header field to force. */
export type UdpPacketSpec = PacketBase & UdpFields & { readonly payload?: Uint8Array };

/** A TCP packet: addresses, ports, sequence numbers, flags, options, payload, and any field to force. */
export type TcpPacketSpec = PacketBase & TcpFields & { readonly payload?: Uint8Array };

/** An ICMP packet: addresses, the message, and optionally a checksum to force. */
export type IcmpPacketSpec = PacketBase & { readonly message: IcmpMessage; readonly checksum?: number };

function wrap(base: PacketBase, protocol: number, segment: Uint8Array): Uint8Array {
  return encodeIpv4({ protocol, ...base.ip, src: base.src, dst: base.dst }, segment);
}

/** A complete IPv4/UDP packet: `buildUdp({ src, dst, srcPort, dstPort, payload })`. */
export function buildUdp(spec: UdpPacketSpec): Uint8Array {
  const { src, dst, ip, payload = new Uint8Array(0), ...udp } = spec;
  return wrap({ src, dst, ip }, IPPROTO_UDP, encodeUdp(udp, payload, { src, dst }));
}

/** A complete IPv4/TCP packet: `buildTcp({ src, dst, srcPort, dstPort, flags: TcpFlag.SYN, seq, options })`. */
export function buildTcp(spec: TcpPacketSpec): Uint8Array {
  const { src, dst, ip, payload = new Uint8Array(0), ...tcp } = spec;
  return wrap({ src, dst, ip }, IPPROTO_TCP, encodeTcp(tcp, payload, { src, dst }));
}

/** A complete IPv4/ICMP packet: `buildIcmp({ src, dst, message: { kind: 'echoRequest', id, seq, data } })`. */
export function buildIcmp(spec: IcmpPacketSpec): Uint8Array {
  return wrap(spec, IPPROTO_ICMP, encodeIcmp(spec.message, spec.checksum));
}
