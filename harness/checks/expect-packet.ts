/**
 * Checks of single packets for packet-level tests. A mismatch fails with the expected and the
 * actual packet side by side, and the fields that differ, e.g.
 *
 *     expected a UDP datagram from the stack: payload is "hi!" (3 bytes), expected "hi" (2 bytes)
 *       expected: 10.0.0.1:7 > 10.0.0.2:5000: UDP, payload "hi" (2 bytes)
 *       actual:   10.0.0.1:7 > 10.0.0.2:5000: UDP, length 3
 *       differs:  payload is "hi!" (3 bytes), expected "hi" (2 bytes)
 */
import { checksumProblems, decodePacket, decodeQuoted, formatPacket, IcmpType, type IcmpPacket, type Packet, type UdpDatagram } from '../wire';

/** A packet as it arrived at the peer. */
export interface Arrival {
  readonly timeUs: number;
  readonly packet: Uint8Array;
}

/** What a UDP datagram must be; an absent field is not checked. Checksums are always checked. */
export interface UdpExpectation {
  readonly src?: string;
  readonly dst?: string;
  readonly srcPort?: number;
  readonly dstPort?: number;
  /** The exact payload (text is UTF-8 encoded). */
  readonly payload?: Uint8Array | string;
}

/** What an ICMP destination-unreachable message must be. */
export interface UnreachableExpectation {
  readonly src?: string;
  readonly dst?: string;
  /** 3 for port unreachable. */
  readonly code: number;
  /** Ports of the datagram it quotes. */
  readonly quotedPorts?: { readonly src: number; readonly dst: number };
}

/**
 * A packet that is not what the test expected. The first line names the first difference too:
 * it is all a summary shows, and `expected a UDP datagram from the stack` alone says nothing of
 * what was wrong with the one that came.
 */
export class PacketMismatch extends Error {
  constructor(what: string, expected: string, actual: string, differences: readonly string[]) {
    const more = differences.length > 1 ? ` (and ${differences.length - 1} more)` : '';
    const headline = differences.length > 0 ? `expected ${what}: ${differences[0]}${more}` : `expected ${what}`;
    super(
      [headline, `  expected: ${expected}`, `  actual:   ${actual}`, ...differences.map((d, i) => `  ${i === 0 ? 'differs: ' : '         '} ${d}`)].join('\n'),
    );
    this.name = 'PacketMismatch';
  }
}

/** Check that `arrival` is a UDP datagram matching `expected`; returns it decoded. */
export function expectUdp(arrival: Arrival | undefined, expected: UdpExpectation, what = 'a UDP datagram from the stack'): Packet & { kind: 'udp'; udp: UdpDatagram } {
  const wanted = describeUdp(expected);
  const packet = decodeArrival(arrival, what, wanted);
  if (packet.kind !== 'udp') throw new PacketMismatch(what, wanted, formatPacket(packet), ['it is not UDP']);
  const { header, payload } = packet.udp;
  const differences = [
    ...compare('source address', packet.ip.header.src, expected.src),
    ...compare('destination address', packet.ip.header.dst, expected.dst),
    ...compare('source port', header.srcPort, expected.srcPort),
    ...compare('destination port', header.dstPort, expected.dstPort),
    ...comparePayload(payload, expected.payload),
    ...checksumProblems(packet),
  ];
  if (differences.length > 0) throw new PacketMismatch(what, wanted, formatPacket(packet), differences);
  return packet;
}

/** Check that `arrival` is an ICMP destination unreachable matching `expected`; returns it decoded. */
export function expectUnreachable(arrival: Arrival | undefined, expected: UnreachableExpectation, what = 'an ICMP destination unreachable from the stack'): Packet & { kind: 'icmp'; icmp: IcmpPacket } {
  const wanted = `ICMP destination unreachable, code ${expected.code}${expected.quotedPorts ? `, quoting ports ${expected.quotedPorts.src} > ${expected.quotedPorts.dst}` : ''}`;
  const packet = decodeArrival(arrival, what, wanted);
  if (packet.kind !== 'icmp' || packet.icmp.message.kind !== 'unreachable') {
    throw new PacketMismatch(what, wanted, formatPacket(packet), [`it is not ICMP type ${IcmpType.DEST_UNREACHABLE}`]);
  }
  const message = packet.icmp.message;
  const quoted = decodeQuoted(message.original);
  const differences = [
    ...compare('source address', packet.ip.header.src, expected.src),
    ...compare('destination address', packet.ip.header.dst, expected.dst),
    ...compare('code', message.code, expected.code),
    ...(expected.quotedPorts === undefined
      ? []
      : !quoted.ok
        ? [`the quoted packet does not decode: ${quoted.reason}`]
        : [
            ...compare('quoted source port', quoted.value.ports?.src, expected.quotedPorts.src),
            ...compare('quoted destination port', quoted.value.ports?.dst, expected.quotedPorts.dst),
          ]),
    ...checksumProblems(packet),
  ];
  if (differences.length > 0) throw new PacketMismatch(what, wanted, formatPacket(packet), differences);
  return packet;
}

/** Check that nothing arrived (`peer.next(timeout)` returned undefined). */
export function expectNothing(arrival: Arrival | undefined, why: string): void {
  if (arrival) throw new PacketMismatch(`no packet (${why})`, 'nothing', formatPacket(arrival.packet), ['a packet was sent']);
}

function decodeArrival(arrival: Arrival | undefined, what: string, wanted: string): Packet {
  if (!arrival) throw new PacketMismatch(what, wanted, 'nothing arrived', ['the stack sent no packet in time']);
  const decoded = decodePacket(arrival.packet);
  if (!decoded.ok) throw new PacketMismatch(what, wanted, `malformed packet (${arrival.packet.length} bytes)`, [decoded.reason]);
  return decoded.value;
}

function compare<T>(field: string, actual: T, expected: T | undefined): string[] {
  return expected === undefined || actual === expected ? [] : [`${field} is ${String(actual)}, expected ${String(expected)}`];
}

function comparePayload(actual: Uint8Array, expected: Uint8Array | string | undefined): string[] {
  if (expected === undefined) return [];
  const wanted = typeof expected === 'string' ? new TextEncoder().encode(expected) : expected;
  const same = actual.length === wanted.length && actual.every((byte, i) => byte === wanted[i]);
  return same ? [] : [`payload is ${showBytes(actual)}, expected ${showBytes(wanted)}`];
}

function describeUdp(e: UdpExpectation): string {
  const end = (address: string | undefined, port: number | undefined): string => `${address ?? '*'}:${port ?? '*'}`;
  const payload = e.payload === undefined ? '' : `, payload ${showBytes(typeof e.payload === 'string' ? new TextEncoder().encode(e.payload) : e.payload)}`;
  return `${end(e.src, e.srcPort)} > ${end(e.dst, e.dstPort)}: UDP${payload}`;
}

/** Short payloads as text when printable, else as hex; always with the length. */
function showBytes(bytes: Uint8Array): string {
  const printable = bytes.every((b) => b >= 0x20 && b < 0x7f);
  const shown = bytes.subarray(0, 32);
  const body = printable
    ? `"${new TextDecoder().decode(shown)}"`
    : Array.from(shown, (b) => b.toString(16).padStart(2, '0')).join(' ');
  return `${body}${bytes.length > shown.length ? '…' : ''} (${bytes.length} bytes)`;
}
