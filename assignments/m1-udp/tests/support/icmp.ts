/** ICMP port unreachable in both directions: what the peer sends about the stack's datagrams, and what the stack's answers quote. */
import type { Fd } from '../../../../harness/contract';
import { expectUnreachable, PacketMismatch } from '../../../../harness/testkit';
import { buildIcmp, formatPacket, quoteOriginal, UnreachableCode } from '../../../../harness/wire';
import { bytesOf } from './bytes';
import { SETTLE_MS, type Lab, type PeerDatagram } from './lab';

/**
 * The ICMP port unreachable the peer's host would send for `datagram` (a packet the stack sent
 * to the peer): it quotes the datagram's IPv4 header and first 8 bytes, as RFC 792 says. Its ICMP
 * checksum is right unless `checksum` forces one.
 */
export function portUnreachableFor(lab: Lab, datagram: Uint8Array, { checksum }: { checksum?: number } = {}): Uint8Array {
  return buildIcmp({
    src: lab.peerAddress,
    dst: lab.stackAddress,
    message: { kind: 'unreachable', code: UnreachableCode.PORT, original: quoteOriginal(datagram) },
    checksum,
  });
}

/**
 * A new UDP socket that has sent one datagram to the peer's `port` — with connect and send, or
 * with sendto when `connected` is false. Returns the fd and the datagram as the peer got it.
 */
export async function senderTo(lab: Lab, port: number, { connected }: { connected: boolean }): Promise<{ fd: Fd; datagram: Uint8Array }> {
  const fd = await lab.sys.socket('udp');
  const to = { address: lab.peerAddress, port };
  if (connected) {
    await lab.sys.connect(fd, to);
    await lab.sys.send(fd, bytesOf('anyone there?'));
  } else {
    await lab.sys.sendto(fd, bytesOf('anyone there?'), to);
  }
  const arrival = await lab.peer.next();
  if (!arrival) throw new Error('the socket sent no datagram');
  return { fd, datagram: arrival.packet };
}

/**
 * Two new UDP sockets that have each sent a datagram to the peer's `port`, one with sendto and one
 * connected, once the port unreachable about each datagram has arrived: the unconnected socket
 * must take no error from it, and the connected one shows that the stack did read the message.
 */
export async function refusedSenders(lab: Lab, port: number): Promise<{ unconnected: Fd; connected: Fd }> {
  const unconnected = await senderTo(lab, port, { connected: false });
  const connected = await senderTo(lab, port, { connected: true });
  await lab.arrive(portUnreachableFor(lab, unconnected.datagram), portUnreachableFor(lab, connected.datagram));
  return { unconnected: unconnected.fd, connected: connected.fd };
}

/**
 * The peer sends the datagram `spec` describes, to a port no socket holds: the stack must answer
 * it with a port unreachable back to the peer whose 4 unused header bytes (ICMP bytes 4–7) are
 * zero, as RFC 792 says, and that quotes its IPv4 header (options included) and the first 8 bytes
 * after it. Returns the datagram sent and the answer.
 */
export async function expectPortUnreachable(lab: Lab, spec: PeerDatagram): Promise<{ datagram: Uint8Array; reply: ReturnType<typeof expectUnreachable> }> {
  const datagram = lab.datagram(spec);
  await lab.peer.send(datagram);
  const reply = expectUnreachable(await lab.peer.next(SETTLE_MS), {
    src: lab.stackAddress,
    dst: lab.peerAddress,
    code: UnreachableCode.PORT,
    quotedPorts: { src: spec.srcPort, dst: spec.dstPort },
  });
  const unused = reply.icmp.message.kind === 'unreachable' ? (reply.icmp.message.nextHopMtu ?? 0) : 0;
  if (unused !== 0) {
    throw new PacketMismatch('a port unreachable with its unused bytes zero', formatPacket(datagram), formatPacket(reply), [
      `ICMP bytes 4-7, unused in a port unreachable (RFC 792), hold ${unused}, expected 0`,
    ]);
  }
  const quoted = quotedBy(reply);
  const expected = datagram.subarray(0, (datagram[0]! & 0x0f) * 4 + 8);
  if (quoted.length !== expected.length || quoted.some((byte, i) => byte !== expected[i])) {
    throw new PacketMismatch('a port unreachable quoting the datagram', formatPacket(datagram), formatPacket(reply), [
      `the quote is not the datagram's IPv4 header and the 8 bytes after it (${quoted.length} bytes quoted, ${expected.length} expected)`,
    ]);
  }
  return { datagram, reply };
}

/** What a destination unreachable from the stack quotes of the packet it is about. */
export function quotedBy(reply: ReturnType<typeof expectUnreachable>): Uint8Array {
  const { message } = reply.icmp;
  if (message.kind !== 'unreachable') throw new Error('not a destination unreachable');
  return message.original;
}
