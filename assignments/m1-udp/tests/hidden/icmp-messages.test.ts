/** ICMP messages other than a port unreachable: the stack answers a ping, and only port unreachable is an error for a socket. */
import { errnoNumber } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { buildIcmp, decodePacket, quoteOriginal, UnreachableCode } from '../../../../harness/wire';
import { bytesOf } from '../support/bytes';
import { portUnreachableFor, senderTo } from '../support/icmp';
import { openLab, SETTLE_MS } from '../support/lab';

const PEER_PORT = 7_777;

describe('other ICMP messages', () => {
  netTest('an echo request is answered with an echo reply carrying its identifier, sequence number and data, and is no error for a connected socket', async (t) => {
    const lab = openLab(t);
    const { fd } = await senderTo(lab, PEER_PORT, { connected: true });
    const ping = { id: 0x1234, seq: 7, data: bytesOf('ping data') };
    await lab.peer.send(buildIcmp({ src: lab.peerAddress, dst: lab.stackAddress, message: { kind: 'echoRequest', ...ping } }));
    const arrival = await lab.peer.next(SETTLE_MS);
    if (!arrival) throw new Error('the stack did not answer the echo request');
    const reply = decodePacket(arrival.packet);
    expect(reply.ok && reply.value.kind === 'icmp' ? reply.value.icmp.message : reply).toEqual({ kind: 'echoReply', ...ping });
    expect(await lab.sys.getsockopt(fd, 'SO_ERROR')).toBe(0);
  });

  netTest('a host unreachable about a connected socket\'s datagram is no error for it: only port unreachable is', async (t) => {
    const lab = openLab(t);
    const { fd, datagram } = await senderTo(lab, PEER_PORT, { connected: true });
    await lab.arrive(
      buildIcmp({ src: lab.peerAddress, dst: lab.stackAddress, message: { kind: 'unreachable', code: UnreachableCode.HOST, original: quoteOriginal(datagram) } }),
    );
    expect(await lab.sys.getsockopt(fd, 'SO_ERROR')).toBe(0);
    // The control: a port unreachable about the same datagram is the socket's error.
    await lab.arrive(portUnreachableFor(lab, datagram));
    expect(await lab.sys.getsockopt(fd, 'SO_ERROR')).toBe(errnoNumber('ECONNREFUSED'));
  });
});
