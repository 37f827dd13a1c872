/** The UDP header at its edges, and between two stacks. */
import { netTest } from '../../../../harness/testkit';
import { bytesOf, randomBytes } from '../support/bytes';
import { openLab } from '../support/lab';
import { takeQueued, texts } from '../support/queue';
import { referenceKernel } from '../support/reference-peer';
import { rngFor } from '../support/seeded';
import { fingerprint, summary } from '../support/summary';
import { boundUdpSocket } from '../support/sockets';

const STACK_PORT = 12_345;
const PEER_PORT = 54_321;

describe('UDP header', () => {
  netTest('a UDP Length of exactly 8 with bytes after it delivers an empty datagram', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'padding', length: 8 }));
    expect(await takeQueued(lab.sys, fd)).toEqual([{ data: new Uint8Array(0), from: { address: lab.peerAddress, port: PEER_PORT }, truncated: false }]);
  });

  netTest('a UDP Length one byte short of the IPv4 payload ends the datagram at an odd length', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'abcdefgh', length: 8 + 7 }));
    expect(texts(await takeQueued(lab.sys, fd))).toEqual(['abcdefg']);
  });

  netTest('a UDP Length one byte beyond the IPv4 payload is dropped and counted in UdpInErrors', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    const datagram = { srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'abcdefgh' };
    const changes = await lab.countersChangedBy(() => lab.arrive(lab.datagram({ ...datagram, length: 8 + 9 })));
    expect(await takeQueued(lab.sys, fd)).toEqual([]);
    expect(changes).toEqual({ IpInReceives: 1, IpInDelivers: 1, UdpInErrors: 1 });
    // The control: the same datagram with its Length right is delivered.
    await lab.arrive(lab.datagram(datagram));
    expect(texts(await takeQueued(lab.sys, fd))).toEqual(['abcdefgh']);
  });

  netTest('a datagram behind IPv4 options is delivered: the UDP header starts where IHL says', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'after options', ip: { options: Uint8Array.of(1, 1, 1, 1, 1, 1, 1, 0) } }));
    expect(texts(await takeQueued(lab.sys, fd))).toEqual(['after options']);
  });

  netTest('the stack sends a datagram from port 65535 to port 1 with both ports intact', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(0xffff);
    await lab.sys.sendto(fd, bytesOf('edges'), { address: lab.peerAddress, port: 1 });
    const sent = await lab.peer.next();
    expect(sent?.packet.subarray(20, 24)).toEqual(Uint8Array.of(0xff, 0xff, 0, 1));
  });

  netTest('two copies of the stack exchange datagrams of random sizes with ports and payloads intact', async (t) => {
    const { sysA, sysB, a, b } = t.twoStacks();
    const rng = rngFor(t.seed, 'payloads');
    const [server, client] = [await boundUdpSocket(sysB, STACK_PORT), await boundUdpSocket(sysA, PEER_PORT)];
    for (let i = 0; i < 20; i++) {
      const payload = randomBytes(rng, rng.int(0, 1472));
      await sysA.sendto(client, payload, { address: b.address, port: STACK_PORT });
      expect(summary(await sysB.recvfrom(server, 1472))).toBe(`${fingerprint(payload)} from ${a.address}:${PEER_PORT}`);
    }
  });

  netTest("the stack and the reference stack understand each other's datagrams in both directions", async (t) => {
    const { sysA, sysB, a, b } = t.twoStacks({ b: referenceKernel() });
    const [mine, reference] = [await boundUdpSocket(sysA, STACK_PORT), await boundUdpSocket(sysB, PEER_PORT)];
    await sysA.sendto(mine, bytesOf('from the stack'), { address: b.address, port: PEER_PORT });
    expect(await sysB.recvfrom(reference, 100)).toEqual({ data: bytesOf('from the stack'), from: { address: a.address, port: STACK_PORT }, truncated: false });
    await sysB.sendto(reference, bytesOf('from the reference'), { address: a.address, port: STACK_PORT });
    expect(await sysA.recvfrom(mine, 100)).toEqual({ data: bytesOf('from the reference'), from: { address: b.address, port: PEER_PORT }, truncated: false });
  });
});
