/** Connected sockets at their edges: reconnecting, wildcard binds, random strangers, and two stacks. */
import { INADDR_ANY } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { bytesOf } from '../support/bytes';
import { openLab } from '../support/lab';
import { takeQueued, texts } from '../support/queue';
import { referenceKernel } from '../support/reference-peer';
import { rngFor } from '../support/seeded';
import { boundUdpSocket } from '../support/sockets';
import { expectSentDatagram } from '../support/sent-datagram';

const STACK_PORT = 8_080;
const PEER_PORT = 8_443;

describe('connected UDP sockets', () => {
  netTest('connecting again changes the peer: the new one is let in, the old one filtered out', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.sys.connect(fd, { address: lab.peerAddress, port: PEER_PORT });
    await lab.sys.connect(fd, { address: lab.peerAddress, port: PEER_PORT + 1 });
    await lab.sys.send(fd, bytesOf('to the new peer'));
    expectSentDatagram(await lab.peer.next(), { dstPort: PEER_PORT + 1, payload: 'to the new peer' });
    await lab.arrive(
      lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'old' }),
      lab.datagram({ srcPort: PEER_PORT + 1, dstPort: STACK_PORT, payload: 'new' }),
    );
    expect(texts(await takeQueued(lab.sys, fd))).toEqual(['new']);
  });

  netTest("connect on a socket bound to 0.0.0.0 keeps its port and fixes its address to the host's", async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT, INADDR_ANY);
    await lab.sys.connect(fd, { address: lab.peerAddress, port: PEER_PORT });
    expect(await lab.sys.getsockname(fd)).toEqual({ address: lab.stackAddress, port: STACK_PORT });
  });

  netTest('twenty strangers at random addresses and ports are filtered out; the peer is let in', async (t) => {
    const lab = openLab(t);
    const rng = rngFor(t.seed, 'strangers');
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.sys.connect(fd, { address: lab.peerAddress, port: PEER_PORT });
    // Half share the peer's address and differ in port; the rest come from other addresses, half of them from the peer's port.
    const strangers = Array.from({ length: 20 }, (_, i) => {
      const src = i % 2 === 0 ? lab.peerAddress : `10.1.${rng.int(0, 255)}.${rng.int(1, 254)}`;
      const srcPort = i % 2 === 0 ? PEER_PORT + rng.int(1, 1000) : i % 4 === 1 ? PEER_PORT : rng.int(1, 0xffff);
      return lab.datagram({ src, srcPort, dstPort: STACK_PORT, payload: 'stranger' });
    });
    await lab.arrive(...strangers, lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'peer' }));
    expect(texts(await takeQueued(lab.sys, fd))).toEqual(['peer']);
  });

  netTest("the connected socket gets its peer's datagrams over a wildcard socket bound after it", async (t) => {
    const lab = openLab(t);
    const connected = await lab.sys.socket('udp');
    await lab.sys.setsockopt(connected, 'SO_REUSEADDR', true);
    await lab.sys.bind(connected, { address: INADDR_ANY, port: STACK_PORT });
    await lab.sys.connect(connected, { address: lab.peerAddress, port: PEER_PORT });
    const wildcard = await lab.sys.socket('udp');
    await lab.sys.setsockopt(wildcard, 'SO_REUSEADDR', true);
    await lab.sys.bind(wildcard, { address: INADDR_ANY, port: STACK_PORT });
    await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'mine' }));
    expect(texts(await takeQueued(lab.sys, connected))).toEqual(['mine']);
    expect(await takeQueued(lab.sys, wildcard)).toEqual([]);
  });

  netTest('two copies of the stack, connected to each other, talk with send and recv', async (t) => {
    const { sysA, sysB, a, b } = t.twoStacks();
    const [left, right] = [await sysA.socket('udp'), await boundUdpSocket(sysB, PEER_PORT)];
    await sysA.connect(left, { address: b.address, port: PEER_PORT });
    const leftPort = (await sysA.getsockname(left)).port;
    await sysB.connect(right, { address: a.address, port: leftPort });
    await sysA.send(left, bytesOf('ping'));
    expect(await sysB.recv(right, 100)).toEqual(bytesOf('ping'));
    await sysB.send(right, bytesOf('pong'));
    expect(await sysA.recv(left, 100)).toEqual(bytesOf('pong'));
  });

  netTest('a connected stack ignores the reference stack when it sends from another port', async (t) => {
    const { sysA, sysB, a, b } = t.twoStacks({ b: referenceKernel() });
    const mine = await boundUdpSocket(sysA, STACK_PORT);
    await sysA.connect(mine, { address: b.address, port: PEER_PORT });
    const [right, wrong] = [await boundUdpSocket(sysB, PEER_PORT), await boundUdpSocket(sysB, PEER_PORT + 1)];
    await sysB.sendto(wrong, bytesOf('wrong port'), { address: a.address, port: STACK_PORT });
    await sysB.sendto(right, bytesOf('right port'), { address: a.address, port: STACK_PORT });
    await sysA.sleep(10);
    expect(texts(await takeQueued(sysA, mine))).toEqual(['right port']);
  });
});
