/**
 * Checking a datagram the stack sent. `expectUdp` accepts a UDP checksum of 0, as a receiver
 * must (RFC 768: "no checksum"); a stack in this course must compute its checksums, so a 0 from
 * it is a failure here.
 */
import { expectUdp, PacketMismatch, type Arrival, type UdpExpectation } from '../../../../harness/checks/expect-packet';
import { formatPacket } from '../../../../harness/wire';

/** Check that `arrival` is a UDP datagram matching `expected`, with a checksum computed and verifying. */
export function expectSentDatagram(arrival: Arrival | undefined, expected: UdpExpectation): ReturnType<typeof expectUdp> {
  const packet = expectUdp(arrival, expected);
  if (packet.udp.header.checksum === 0) {
    throw new PacketMismatch('a UDP datagram with its checksum computed', 'a UDP checksum that verifies', formatPacket(packet), [
      'UDP checksum is 0, which says "none computed": compute the checksum over the pseudo-header, header and payload',
    ]);
  }
  return packet;
}
