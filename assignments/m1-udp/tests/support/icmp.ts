/** ICMP port unreachable in both directions: what the peer sends about the stack's datagrams, and what the stack's answers quote. */
import type { Fd } from '../../../../harness/contract';
import type { expectUnreachable } from '../../../../harness/testkit';
import { buildIcmp, quoteOriginal, UnreachableCode } from '../../../../harness/wire';
import { bytesOf } from './bytes';
import type { Lab } from './lab';

/**
 * The ICMP port unreachable the peer's host would send for `datagram` (a packet the stack sent
 * to the peer): it quotes the datagram's IPv4 header and first 8 bytes, as RFC 792 says.
 */
export function portUnreachableFor(lab: Lab, datagram: Uint8Array): Uint8Array {
  return buildIcmp({
    src: lab.peerAddress,
    dst: lab.stackAddress,
    message: { kind: 'unreachable', code: UnreachableCode.PORT, original: quoteOriginal(datagram) },
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

/** What a destination unreachable from the stack quotes of the packet it is about. */
export function quotedBy(reply: ReturnType<typeof expectUnreachable>): Uint8Array {
  const { message } = reply.icmp;
  if (message.kind !== 'unreachable') throw new Error('not a destination unreachable');
  return message.original;
}
