/**
 * What a stack must do with one arriving packet, decided by the harness's own codecs: the judge's
 * reading of RFC 791 and RFC 768 plus the course's rules (no fragments, Total Length equal to the
 * packet's length, UDP checksum 0 meaning none).
 */
import type { CounterName, SockAddr } from '../../../../../harness/contract';
import { decodeIpv4, decodeUdp, IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, type Ipv4Packet } from '../../../../../harness/wire';
import type { FuzzTarget } from './templates';

export type Verdict =
  /** Dropped by IPv4, counted in `counter`. */
  | { readonly kind: 'dropped by IPv4'; readonly counter: 'IpInHdrErrors' | 'IpInAddrErrors' | 'IpInUnknownProtos'; readonly why: string }
  /** Handed to UDP and dropped there (UdpInErrors, and UdpInCsumErrors for a checksum). */
  | { readonly kind: 'dropped by UDP'; readonly badChecksum: boolean; readonly why: string }
  /** Queued on the open port's socket. */
  | { readonly kind: 'delivered'; readonly payload: Uint8Array; readonly from: SockAddr }
  /** For a closed port: counted in UdpNoPorts and answered with port unreachable. */
  | { readonly kind: 'no port'; readonly source: string; readonly ports: { readonly src: number; readonly dst: number } }
  /** ICMP for this host: counted; answered or not as its type says. */
  | { readonly kind: 'ICMP' }
  /** TCP: not m1's to judge, since later milestones handle it. */
  | { readonly kind: 'TCP' };

export type VerdictKind = Verdict['kind'];

/** The verdict on `packet` arriving at the stack described by `target`. */
export function verdictOf(packet: Uint8Array, target: FuzzTarget): Verdict {
  const decoded = decodeIpv4(packet);
  if (!decoded.ok) return headerError(decoded.reason);
  const ip = decoded.value;
  const { header } = ip;
  if (header.totalLength !== packet.length) return headerError(`Total Length ${header.totalLength} differs from the ${packet.length} bytes that arrived`);
  if (!ip.checksumOk) return headerError('the IPv4 header checksum does not verify');
  if (header.moreFragments || header.fragmentOffset !== 0) return headerError('it is a fragment');
  if (header.dst !== target.stackAddress) return { kind: 'dropped by IPv4', counter: 'IpInAddrErrors', why: `it is for ${header.dst}` };
  switch (header.protocol) {
    case IPPROTO_UDP:
      return udpVerdict(ip, target);
    case IPPROTO_ICMP:
      return { kind: 'ICMP' };
    case IPPROTO_TCP:
      return { kind: 'TCP' };
    default:
      return { kind: 'dropped by IPv4', counter: 'IpInUnknownProtos', why: `protocol ${header.protocol}` };
  }
}

function headerError(why: string): Verdict {
  return { kind: 'dropped by IPv4', counter: 'IpInHdrErrors', why };
}

function udpVerdict(ip: Ipv4Packet, target: FuzzTarget): Verdict {
  const decoded = decodeUdp(ip.payload, ip.header);
  if (!decoded.ok) return { kind: 'dropped by UDP', badChecksum: false, why: decoded.reason };
  const { header, payload, checksumOk } = decoded.value;
  if (!checksumOk) return { kind: 'dropped by UDP', badChecksum: true, why: 'the UDP checksum does not verify' };
  if (header.dstPort === target.openPort) return { kind: 'delivered', payload, from: { address: ip.header.src, port: header.srcPort } };
  return { kind: 'no port', source: ip.header.src, ports: { src: header.srcPort, dst: header.dstPort } };
}

/**
 * How the counters must change for a verdict: `exact` changes, and counters `free` to change or
 * not. IpOutRequests is left out: it must count what the kernel transmitted, which is known.
 */
export interface CounterRule {
  readonly exact: Partial<Record<CounterName, number>>;
  readonly free: ReadonlySet<CounterName> | 'all';
}

const NONE: ReadonlySet<CounterName> = new Set();
// An ICMP message may be malformed in ways m1 does not grade.
const ICMP_FREE: ReadonlySet<CounterName> = new Set(['IcmpInErrors', 'IcmpInDestUnreachs']);

export function counterRule(verdict: Verdict): CounterRule {
  switch (verdict.kind) {
    case 'dropped by IPv4':
      return { exact: { IpInReceives: 1, [verdict.counter]: 1 }, free: NONE };
    case 'dropped by UDP':
      return { exact: { IpInReceives: 1, IpInDelivers: 1, UdpInErrors: 1, ...(verdict.badChecksum ? { UdpInCsumErrors: 1 } : {}) }, free: NONE };
    case 'delivered':
      return { exact: { IpInReceives: 1, IpInDelivers: 1, UdpInDatagrams: 1 }, free: NONE };
    case 'no port':
      return { exact: { IpInReceives: 1, IpInDelivers: 1, UdpNoPorts: 1, IcmpOutDestUnreachs: 1 }, free: NONE };
    case 'ICMP':
      return { exact: { IpInReceives: 1, IpInDelivers: 1, IcmpInMsgs: 1 }, free: ICMP_FREE };
    case 'TCP':
      return { exact: { IpInReceives: 1 }, free: 'all' };
  }
}
