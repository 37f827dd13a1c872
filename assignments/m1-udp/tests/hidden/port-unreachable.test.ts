/** ICMP port unreachable at its edges: IPv4 options in the quote, quotes about other sockets, and end to end between stacks. */
import { errnoNumber } from '../../../../harness/contract';
import { expectUnreachable, netTest } from '../../../../harness/testkit';
import { buildIcmp, quoteOriginal, UnreachableCode } from '../../../../harness/wire';
import { bytesOf } from '../support/bytes';
import { expectErrno } from '../support/errno';
import { portUnreachableFor, quotedBy, senderTo } from '../support/icmp';
import { openLab, SETTLE_MS } from '../support/lab';
import { referenceKernel } from '../support/reference-peer';
import { rngFor } from '../support/seeded';

const PEER_PORT = 7_777;

describe('ICMP port unreachable', () => {
  netTest('the answer quotes the whole IPv4 header, options included, and 8 bytes after it', async (t) => {
    const lab = openLab(t);
    const datagram = lab.datagram({ srcPort: PEER_PORT, dstPort: 9, payload: 'with options', ip: { options: Uint8Array.of(1, 1, 1, 1, 1, 1, 1, 1) } });
    await lab.peer.send(datagram);
    const reply = expectUnreachable(await lab.peer.next(SETTLE_MS), { code: 3, quotedPorts: { src: PEER_PORT, dst: 9 } });
    expect(quotedBy(reply)).toEqual(datagram.slice(0, 28 + 8));
  });

  netTest('every datagram to a closed port gets its own answer, quoting its ports', async (t) => {
    const lab = openLab(t);
    const rng = rngFor(t.seed, 'closed ports');
    for (let i = 0; i < 10; i++) {
      const [src, dst] = [rng.int(1, 0xffff), rng.int(1, 0xffff)];
      await lab.peer.send(lab.datagram({ srcPort: src, dstPort: dst, payload: `#${i}` }));
      expectUnreachable(await lab.peer.next(SETTLE_MS), { src: lab.stackAddress, dst: lab.peerAddress, code: 3, quotedPorts: { src, dst } });
    }
  });

  netTest('a datagram for a port held only by a socket connected elsewhere is answered with port unreachable', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(5_555);
    await lab.sys.connect(fd, { address: lab.peerAddress, port: PEER_PORT });
    await lab.peer.send(lab.datagram({ srcPort: PEER_PORT + 1, dstPort: 5_555, payload: 'not for you' }));
    expectUnreachable(await lab.peer.next(SETTLE_MS), { code: 3, quotedPorts: { src: PEER_PORT + 1, dst: 5_555 } });
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
    const corrupt = buildIcmp({
      src: lab.peerAddress,
      dst: lab.stackAddress,
      message: { kind: 'unreachable', code: UnreachableCode.PORT, original: quoteOriginal(datagram) },
      checksum: 0xbeef,
    });
    await lab.arrive(corrupt);
    expect(await lab.sys.getsockopt(fd, 'SO_ERROR')).toBe(0);
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
