/**
 * ICMP port unreachable: the stack sends it for a datagram no socket wants, and turns one about
 * its own datagram into ECONNREFUSED on the connected socket that sent it.
 */
import { errnoNumber } from '../../../../harness/contract';
import { expectNothing, expectUnreachable, netTest } from '../../../../harness/testkit';
import { bytesOf } from '../support/bytes';
import { expectErrno } from '../support/errno';
import { portUnreachableFor, quotedBy, senderTo } from '../support/icmp';
import { openLab, SETTLE_MS } from '../support/lab';
import { takeQueued, texts } from '../support/queue';

const CLOSED_PORT = 9;
const PEER_PORT = 5000;

describe('ICMP port unreachable', () => {
  netTest('a datagram to a closed port is answered with port unreachable quoting its IPv4 header and first 8 bytes', async (t) => {
    const lab = openLab(t);
    const datagram = lab.datagram({ srcPort: PEER_PORT, dstPort: CLOSED_PORT, payload: 'is this port open?' });
    await lab.peer.send(datagram);
    const reply = expectUnreachable(await lab.peer.next(SETTLE_MS), { src: lab.stackAddress, dst: lab.peerAddress, code: 3, quotedPorts: { src: PEER_PORT, dst: CLOSED_PORT } });
    expect(quotedBy(reply)).toEqual(datagram.slice(0, 20 + 8));
  });

  netTest('a datagram to a closed port whose checksum fails is dropped without an answer', async (t) => {
    const lab = openLab(t);
    const damaged = lab.datagram({ srcPort: PEER_PORT, dstPort: CLOSED_PORT, payload: 'damaged', checksum: 0x5555 });
    await lab.peer.send(damaged);
    expectNothing(await lab.peer.next(SETTLE_MS), 'a datagram whose checksum fails is dropped before its port is looked at');
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
    const { fd, datagram } = await senderTo(lab, CLOSED_PORT, { connected: false });
    await lab.arrive(portUnreachableFor(lab, datagram));
    expect(await lab.sys.getsockopt(fd, 'SO_ERROR')).toBe(0);
    await lab.sys.sendto(fd, bytesOf('still fine'), { address: lab.peerAddress, port: CLOSED_PORT });
  });
});
