/** ICMP port unreachable at its edges: IPv4 options in the quote, quotes about other sockets, and end to end between stacks. */
import { errnoNumber } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { buildUdp } from '../../../../harness/wire';
import { bytesOf } from '../support/bytes';
import { expectErrno } from '../support/errno';
import { expectPortUnreachable, portUnreachableFor, senderTo } from '../support/icmp';
import { openLab } from '../support/lab';
import { referenceKernel } from '../support/reference-peer';
import { rngFor } from '../support/seeded';

const PEER_PORT = 7_777;

describe('ICMP port unreachable', () => {
  netTest('the answer quotes the whole IPv4 header, options included, and 8 bytes after it', async (t) => {
    await expectPortUnreachable(openLab(t), { srcPort: PEER_PORT, dstPort: 9, payload: 'with options', ip: { options: Uint8Array.of(1, 1, 1, 1, 1, 1, 1, 1) } });
  });

  netTest('every datagram to a closed port gets its own answer, quoting its ports', async (t) => {
    const lab = openLab(t);
    const rng = rngFor(t.seed, 'closed ports');
    for (let i = 0; i < 10; i++) await expectPortUnreachable(lab, { srcPort: rng.int(1, 0xffff), dstPort: rng.int(1, 0xffff), payload: `#${i}` });
  });

  netTest('a datagram for a port held only by a socket connected elsewhere is answered with port unreachable', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(5_555);
    await lab.sys.connect(fd, { address: lab.peerAddress, port: PEER_PORT });
    await expectPortUnreachable(lab, { srcPort: PEER_PORT + 1, dstPort: 5_555, payload: 'not for you' });
  });

  netTest('a port unreachable about another connection leaves a connected socket without error', async (t) => {
    const lab = openLab(t);
    const mine = await senderTo(lab, PEER_PORT, { connected: true });
    const other = await senderTo(lab, PEER_PORT + 1, { connected: true });
    await lab.arrive(portUnreachableFor(lab, other.datagram));
    expect(await lab.sys.getsockopt(mine.fd, 'SO_ERROR')).toBe(0);
    expect(await lab.sys.getsockopt(other.fd, 'SO_ERROR')).toBe(errnoNumber('ECONNREFUSED'));
  });

  netTest('a port unreachable whose ICMP checksum fails is ignored', async (t) => {
    const lab = openLab(t);
    const { fd, datagram } = await senderTo(lab, PEER_PORT, { connected: true });
    await lab.arrive(portUnreachableFor(lab, datagram, { checksum: 0xbeef }));
    expect(await lab.sys.getsockopt(fd, 'SO_ERROR')).toBe(0);
    // The control: the same message with its checksum right is the socket's error.
    await lab.arrive(portUnreachableFor(lab, datagram));
    expect(await lab.sys.getsockopt(fd, 'SO_ERROR')).toBe(errnoNumber('ECONNREFUSED'));
  });

  netTest('a port unreachable quoting a datagram from another local address, with the same ports, is no error for a connected socket', async (t) => {
    const lab = openLab(t);
    const { fd, datagram } = await senderTo(lab, PEER_PORT, { connected: true });
    const { port } = await lab.sys.getsockname(fd);
    // The socket's datagram as if another host had sent it: only the source address differs.
    const fromElsewhere = buildUdp({ src: '10.0.0.3', dst: lab.peerAddress, srcPort: port, dstPort: PEER_PORT, payload: bytesOf('anyone there?') });
    await lab.arrive(portUnreachableFor(lab, fromElsewhere));
    expect(await lab.sys.getsockopt(fd, 'SO_ERROR')).toBe(0);
    // The control: the port unreachable about the socket's own datagram is its error.
    await lab.arrive(portUnreachableFor(lab, datagram));
    expect(await lab.sys.getsockopt(fd, 'SO_ERROR')).toBe(errnoNumber('ECONNREFUSED'));
  });

  netTest('a port unreachable about a socket since closed is dropped without harm and counted', async (t) => {
    const lab = openLab(t);
    const gone = await senderTo(lab, PEER_PORT, { connected: true });
    await lab.sys.close(gone.fd);
    const changes = await lab.countersChangedBy(() => lab.arrive(portUnreachableFor(lab, gone.datagram)));
    expect(changes).toEqual({ IpInReceives: 1, IpInDelivers: 1, IcmpInMsgs: 1, IcmpInDestUnreachs: 1 });
    // The stack still hands the next port unreachable to its socket.
    const { fd, datagram } = await senderTo(lab, PEER_PORT + 1, { connected: true });
    await lab.arrive(portUnreachableFor(lab, datagram));
    expect(await lab.sys.getsockopt(fd, 'SO_ERROR')).toBe(errnoNumber('ECONNREFUSED'));
  });

  netTest('a stack that sends to a closed port of another copy of the stack gets ECONNREFUSED', async (t) => {
    const { sysA, sysB, b } = t.twoStacks();
    const fd = await sysA.socket('udp');
    await sysA.connect(fd, { address: b.address, port: 9 });
    await sysA.send(fd, bytesOf('anyone?'));
    await sysA.sleep(10);
    await expectErrno(sysA.recv(fd, 100), 'ECONNREFUSED');
    expect((await sysB.counters()).UdpNoPorts).toBe(1);
  });

  netTest('a stack that sends to a closed port of the reference stack gets ECONNREFUSED on its next send', async (t) => {
    const { sysA, b } = t.twoStacks({ b: referenceKernel() });
    const fd = await sysA.socket('udp');
    await sysA.connect(fd, { address: b.address, port: 9 });
    await sysA.send(fd, bytesOf('anyone?'));
    await sysA.sleep(10);
    await expectErrno(sysA.send(fd, bytesOf('again?')), 'ECONNREFUSED');
  });

  netTest('the reference stack, sending to a closed port of the stack, gets ECONNREFUSED', async (t) => {
    const { sysA, sysB, a } = t.twoStacks({ b: referenceKernel() });
    const fd = await sysB.socket('udp');
    await sysB.connect(fd, { address: a.address, port: 9 });
    await sysB.send(fd, bytesOf('anyone?'));
    await sysB.sleep(10);
    expect(await sysB.getsockopt(fd, 'SO_ERROR')).toBe(errnoNumber('ECONNREFUSED'));
    expect((await sysA.counters()).IcmpOutDestUnreachs).toBe(1);
  });
});
