/**
 * Does a packet the stack sent match an outbound (`>`) line? Field by field, each difference a
 * sentence. What a line leaves out is not checked (`ack`, `win`, `<...>`); what it gives is
 * checked exactly, options in order. Checksums are always checked. A line without options
 * expects none. Outbound timestamp values (`TS val`) are not checked: a stack picks its own clock.
 */
import { bytesToAddress, checksumProblems, decodeQuoted, decodePacket, TcpFlag, type Packet, type TcpOption } from '../../wire';
import type { IcmpEvent, PacketEvent, TcpEvent } from '../language/ast';
import type { Flow } from './flow';
import { renderFlags, renderOptions } from './render';
import { relativeSeq } from './seq';

const KIND_NAMES = { tcp: 'a TCP segment', udp: 'a UDP datagram', icmp: 'an ICMP message', unknown: 'not TCP, UDP or ICMP' } as const;

/** The differences between `packet` and `event`; empty when it matches. */
export function matchOutbound(event: PacketEvent, packet: Packet, flow: Flow): string[] {
  if (packet.kind !== event.kind) return [`it is ${KIND_NAMES[packet.kind]}, expected ${KIND_NAMES[event.kind]}`];
  const fields = packet.kind === 'tcp' && event.kind === 'tcp' ? matchTcp(event, packet, flow) : [];
  const icmp = packet.kind === 'icmp' && event.kind === 'icmp' ? matchIcmp(event, packet, flow) : [];
  const length = packet.kind === 'udp' && event.kind === 'udp' ? compareBytes('payload length', packet.udp.payload.length, event.length) : [];
  return [...matchEndpoints(event, packet, flow), ...fields, ...icmp, ...length, ...checksumProblems(packet)];
}

function compare(field: string, actual: number | string, expected: number | string | undefined, verb = 'is'): string[] {
  return expected === undefined || actual === expected ? [] : [`${field} ${verb} ${actual}, expected ${expected}`];
}

/** A length, in bytes: `payload length is 5 bytes, expected 6 bytes`. */
function compareBytes(field: string, actual: number, expected: number | undefined): string[] {
  const bytes = (n: number): string => `${n} ${n === 1 ? 'byte' : 'bytes'}`;
  return expected === undefined || actual === expected ? [] : [`${field} is ${bytes(actual)}, expected ${bytes(expected)}`];
}

/** Addresses and ports: the line's endpoints, else the stack's to the harness's. */
function matchEndpoints(event: PacketEvent, packet: Packet, flow: Flow): string[] {
  const h = packet.ip.header;
  if (packet.kind === 'icmp') {
    // An ICMP error goes back to whoever sent the packet it quotes: checked in matchIcmp.
    return compare('source address', h.src, flow.options.localAddress);
  }
  const src = event.endpoints?.src ?? flow.local();
  const dst = event.endpoints?.dst ?? flow.remote();
  const ports = packet.kind === 'tcp' ? packet.tcp.header : packet.kind === 'udp' ? packet.udp.header : undefined;
  return [
    ...compare('source address', h.src, src.address),
    ...compare('destination address', h.dst, dst.address),
    ...(ports ? [...compare('source port', ports.srcPort, src.port), ...compare('destination port', ports.dstPort, dst.port)] : []),
  ];
}

function matchTcp(event: TcpEvent, packet: Packet & { kind: 'tcp' }, flow: Flow): string[] {
  const h = packet.tcp.header;
  const toPeer = (seq: number): number => relativeSeq(flow.peerIsn, seq);
  const ackChecked = event.ack !== undefined && (h.flags & TcpFlag.ACK) !== 0;
  return [
    ...compare('flags', `[${renderFlags(h.flags)}]`, `[${renderFlags(event.flags)}]`, 'are'),
    ...compare('seq', relativeSeq(flow.stackIsn, h.seq), event.seq),
    ...compareBytes('payload length', packet.tcp.payload.length, event.length),
    ...(ackChecked ? compare('ack', toPeer(h.ack), event.ack) : []),
    ...compare('win', h.window, event.window),
    ...(event.options === 'any' ? [] : compare('options', renderOptions(h.options, toPeer), renderOptions(withTheirClock(event.options, h.options)), 'are')),
  ];
}

/** The expected options with each timestamp value replaced by the stack's own at that place. */
function withTheirClock(expected: readonly TcpOption[], actual: readonly TcpOption[]): TcpOption[] {
  return expected.map((option, i) => {
    const theirs = actual[i];
    return option.kind === 'timestamp' && theirs?.kind === 'timestamp' ? { ...option, tsval: theirs.tsval } : option;
  });
}

/** The code, and that the error quotes the last packet the harness injected, and goes back to its sender. */
function matchIcmp(event: IcmpEvent, packet: Packet & { kind: 'icmp' }, flow: Flow): string[] {
  const m = packet.icmp.message;
  if (m.kind !== 'unreachable') return ['it is not an ICMP destination unreachable'];
  const differences = compare('code', m.code, event.code);
  const sent = flow.lastInbound && decodePacket(flow.lastInbound);
  if (!sent?.ok) return [...differences, 'the harness has sent nothing this could be about'];
  const quoted = decodeQuoted(m.original);
  if (!quoted.ok) return [...differences, `the quoted packet does not decode: ${quoted.reason}`];
  const theirs = sent.value;
  const ports = theirs.kind === 'udp' ? theirs.udp.header : theirs.kind === 'tcp' ? theirs.tcp.header : undefined;
  return [
    ...differences,
    ...compare('destination address', packet.ip.header.dst, bytesToAddress(flow.lastInbound!, 12)),
    ...compare('quoted source address', quoted.value.header.src, theirs.ip.header.src),
    ...compare('quoted destination address', quoted.value.header.dst, theirs.ip.header.dst),
    ...compare('quoted protocol', quoted.value.header.protocol, theirs.ip.header.protocol),
    ...(ports
      ? [...compare('quoted source port', quoted.value.ports?.src ?? 'missing', ports.srcPort), ...compare('quoted destination port', quoted.value.ports?.dst ?? 'missing', ports.dstPort)]
      : []),
  ];
}
