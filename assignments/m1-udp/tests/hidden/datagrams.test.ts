/** sendto and recvfrom at their edges: zero-byte buffers and datagrams, exact fits, and random runs. */
import { netTest } from '../../../../harness/testkit';
import { bytesOf, randomBytes } from '../support/bytes';
import { openLab } from '../support/lab';
import { takeQueued } from '../support/queue';
import { referenceKernel } from '../support/reference-peer';
import { rngFor } from '../support/seeded';
import { fingerprint, summary } from '../support/summary';
import { expectSentDatagram } from '../support/sent-datagram';
import { boundUdpSocket } from '../support/sockets';

const STACK_PORT = 20_000;
const PEER_PORT = 20_001;

describe('sendto and recvfrom', () => {
  netTest('recvfrom with a 0-byte buffer takes the whole datagram and reports it truncated', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'gone' }), lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'next' }));
    expect(await lab.sys.recvfrom(fd, 0)).toEqual({ data: new Uint8Array(0), from: { address: lab.peerAddress, port: PEER_PORT }, truncated: true });
    expect((await lab.sys.recvfrom(fd, 100)).data).toEqual(bytesOf('next'));
  });

  netTest('a datagram exactly as long as the buffer is whole, not truncated', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'exact' }));
    expect(await lab.sys.recvfrom(fd, 5)).toMatchObject({ data: bytesOf('exact'), truncated: false });
  });

  netTest('an empty datagram is not truncated, even by a 0-byte buffer', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT }), lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'next' }));
    // The sender and the datagram after it show the empty one was really received, not made up.
    expect(await lab.sys.recvfrom(fd, 0)).toEqual({ data: new Uint8Array(0), from: { address: lab.peerAddress, port: PEER_PORT }, truncated: false });
    expect((await lab.sys.recvfrom(fd, 100)).data).toEqual(bytesOf('next'));
  });

  netTest('fifty datagrams of random sizes from random ports are received one by one, in order, each from its sender', async (t) => {
    const lab = openLab(t);
    const rng = rngFor(t.seed, 'datagrams');
    const fd = await lab.boundSocket(STACK_PORT);
    const sent = Array.from({ length: 50 }, () => ({ data: randomBytes(rng, rng.int(0, 600)), port: rng.int(1, 0xffff) }));
    await lab.arrive(...sent.map(({ data, port }) => lab.datagram({ srcPort: port, dstPort: STACK_PORT, payload: data })));
    const expected = sent.map(({ data, port }) => `${fingerprint(data)} from ${lab.peerAddress}:${port}`);
    expect((await takeQueued(lab.sys, fd, 600)).map(summary)).toEqual(expected);
  });

  netTest('random buffer sizes cut each datagram to the buffer and flag exactly those that were longer', async (t) => {
    const lab = openLab(t);
    const rng = rngFor(t.seed, 'buffers');
    const fd = await lab.boundSocket(STACK_PORT);
    for (let i = 0; i < 30; i++) {
      const payload = randomBytes(rng, rng.int(0, 300));
      const max = rng.int(0, 300);
      await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload }));
      const cut = payload.length > max ? ', truncated' : '';
      expect(summary(await lab.sys.recvfrom(fd, max))).toBe(`${fingerprint(payload.slice(0, max))} from ${lab.peerAddress}:${PEER_PORT}${cut}`);
    }
  });

  netTest('one socket sends to several destinations, each datagram to its own', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    const destinations = [
      { address: lab.peerAddress, port: 1 },
      { address: '10.0.0.3', port: 2 },
      { address: lab.peerAddress, port: 3 },
    ];
    for (const to of destinations) await lab.sys.sendto(fd, bytesOf(`to ${to.port}`), to);
    for (const to of destinations) expectSentDatagram(await lab.peer.next(), { dst: to.address, dstPort: to.port, payload: `to ${to.port}` });
  });

  netTest('a burst from the reference stack keeps its datagram boundaries at the stack', async (t) => {
    const { sysA, sysB, a } = t.twoStacks({ b: referenceKernel() });
    const rng = rngFor(t.seed, 'burst');
    const [mine, reference] = [await boundUdpSocket(sysA, STACK_PORT), await boundUdpSocket(sysB, PEER_PORT)];
    const burst = Array.from({ length: 20 }, () => randomBytes(rng, rng.int(1, 200)));
    for (const payload of burst) await sysB.sendto(reference, payload, { address: a.address, port: STACK_PORT });
    await sysA.sleep(10);
    expect((await takeQueued(sysA, mine)).map((result) => fingerprint(result.data))).toEqual(burst.map(fingerprint));
  });
});
