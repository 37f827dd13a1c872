/**
 * A TCP segment the stack sent, as the harness's own codecs read it. Anything else on the wire
 * (no packet, a malformed one, a bad checksum, not TCP) fails the test with the packet shown.
 */
import { PacketMismatch, type Arrival } from '../../../../harness/checks/expect-packet';
import { checksumProblems, decodePacket, formatPacket, type Packet, type TcpHeader } from '../../../../harness/wire';

export interface StackSegment {
  /** When it reached the peer (µs of virtual time). */
  readonly timeUs: number;
  readonly packet: Packet & { kind: 'tcp' };
  readonly header: TcpHeader;
  readonly payload: Uint8Array;
}

/** `arrival` as a well-formed TCP segment with checksums that verify; `what` names what was awaited. */
export function stackSegment(arrival: Arrival | undefined, what: string): StackSegment {
  if (!arrival) throw new PacketMismatch(what, what, 'nothing arrived', ['the stack sent no packet in time']);
  const decoded = decodePacket(arrival.packet);
  if (!decoded.ok) throw new PacketMismatch(what, what, `malformed packet (${arrival.packet.length} bytes)`, [decoded.reason]);
  const packet = decoded.value;
  if (packet.kind !== 'tcp') throw new PacketMismatch(what, what, formatPacket(packet), ['it is not TCP']);
  const problems = checksumProblems(packet);
  if (problems.length > 0) throw new PacketMismatch(what, what, formatPacket(packet), problems);
  return { timeUs: arrival.timeUs, packet, header: packet.tcp.header, payload: packet.tcp.payload };
}
