/**
 * ICMP port unreachable: the stack sends it for a datagram no socket wants, and turns one about
 * its own datagram into ECONNREFUSED on the connected socket that sent it.
 */
import { errnoNumber } from '../../../../harness/contract';
import { expectNothing, netTest } from '../../../../harness/testkit';
import { bytesOf } from '../support/bytes';
import { expectErrno } from '../support/errno';
import { expectPortUnreachable, portUnreachableFor, refusedSenders, senderTo } from '../support/icmp';
import { openLab, SETTLE_MS } from '../support/lab';
import { takeQueued, texts } from '../support/queue';
import { expectSentDatagram } from '../support/sent-datagram';

const CLOSED_PORT = 9;
const PEER_PORT = 5000;

describe('ICMP port unreachable', () => {
  netTest('a datagram to a closed port is answered with port unreachable quoting its IPv4 header and first 8 bytes', async (t) => {
    await expectPortUnreachable(openLab(t), { srcPort: PEER_PORT, dstPort: CLOSED_PORT, payload: 'is this port open?' });
  });

  netTest('a datagram to a closed port whose checksum fails is dropped without an answer', async (t) => {
    const lab = openLab(t);
    const datagram = { srcPort: PEER_PORT, dstPort: CLOSED_PORT, payload: 'damaged' };
    await lab.peer.send(lab.datagram({ ...datagram, checksum: 0x5555 }));
    expectNothing(await lab.peer.next(SETTLE_MS), 'a datagram whose checksum fails is dropped before its port is looked at');
    // The control: the same datagram with its checksum right is answered, so the silence was the checksum's doing.
    await expectPortUnreachable(lab, datagram);
  });

  netTest('after a port unreachable, the next recv on the connected socket fails with ECONNREFUSED, once', async (t) => {
    const lab = openLab(t);
    const { fd, datagram } = await senderTo(lab, CLOSED_PORT, { connected: true });
    await lab.arrive(portUnreachableFor(lab, datagram));
    await expectErrno(lab.sys.recv(fd, 100), 'ECONNREFUSED', 'recv after port unreachable');
    await lab.arrive(lab.datagram({ srcPort: CLOSED_PORT, dstPort: (await lab.sys.getsockname(fd)).port, payload: 'came up after all' }));
    expect(texts(await takeQueued(lab.sys, fd))).toEqual(['came up after all']);
  });

  netTest('after a port unreachable, the next send fails with ECONNREFUSED and sends nothing; the one after goes out', async (t) => {
    const lab = openLab(t);
    const { fd, datagram } = await senderTo(lab, CLOSED_PORT, { connected: true });
    await lab.arrive(portUnreachableFor(lab, datagram));
    await expectErrno(lab.sys.send(fd, bytesOf('lost')), 'ECONNREFUSED', 'send after port unreachable');
    await lab.sys.send(fd, bytesOf('again'));
    expect((await lab.peer.next())?.packet.length).toBe(20 + 8 + 5);
  });

  netTest('SO_ERROR reads 111 (ECONNREFUSED) once after a port unreachable, then 0', async (t) => {
    const lab = openLab(t);
    const { fd, datagram } = await senderTo(lab, CLOSED_PORT, { connected: true });
    await lab.arrive(portUnreachableFor(lab, datagram));
    expect(await lab.sys.getsockopt(fd, 'SO_ERROR')).toBe(errnoNumber('ECONNREFUSED'));
    expect(await lab.sys.getsockopt(fd, 'SO_ERROR')).toBe(0);
  });

  netTest('an unconnected socket ignores a port unreachable about its datagram', async (t) => {
    const lab = openLab(t);
    const { unconnected, connected } = await refusedSenders(lab, CLOSED_PORT);
    expect(await lab.sys.getsockopt(unconnected, 'SO_ERROR')).toBe(0);
    // The control: the same message about a connected socket's datagram is that socket's error.
    expect(await lab.sys.getsockopt(connected, 'SO_ERROR')).toBe(errnoNumber('ECONNREFUSED'));
    await lab.sys.sendto(unconnected, bytesOf('still fine'), { address: lab.peerAddress, port: CLOSED_PORT });
    expectSentDatagram(await lab.peer.next(), { dstPort: CLOSED_PORT, payload: 'still fine' });
  });
});
