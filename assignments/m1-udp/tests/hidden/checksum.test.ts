/** The checksum on the wire, with random payloads and every way a pseudo-header can be wrong. */
import { IPPROTO_TCP } from '../../../../harness/wire';
import { netTest } from '../../../../harness/testkit';
import { randomBytes } from '../support/bytes';
import { openLab, type Lab } from '../support/lab';
import { checksumUnder, type PseudoHeaderChoice } from '../support/pseudo-header';
import { takeQueued, texts } from '../support/queue';
import { rngFor } from '../support/seeded';
import { fingerprint, summary } from '../support/summary';
import { expectSentDatagram } from '../support/sent-datagram';

const STACK_PORT = 40_000;
const PEER_PORT = 53;
const MAX_PAYLOAD = 1472;

/** A datagram from the peer whose checksum is computed under a pseudo-header changed by `change`, then a good one. */
async function wrongPseudoHeader(lab: Lab, change: (right: PseudoHeaderChoice) => PseudoHeaderChoice): Promise<void> {
  const fd = await lab.boundSocket(STACK_PORT);
  const payload = Uint8Array.of(1, 2, 3, 4, 5);
  const right: PseudoHeaderChoice = { ip: { src: lab.peerAddress, dst: lab.stackAddress }, srcPort: PEER_PORT, dstPort: STACK_PORT, payload };
  const checksum = checksumUnder(change(right));
  const changes = await lab.countersChangedBy(() =>
    lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload, checksum }), lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'good' })),
  );
  expect(texts(await takeQueued(lab.sys, fd))).toEqual(['good']);
  expect(changes).toEqual({ IpInReceives: 2, IpInDelivers: 2, UdpInCsumErrors: 1, UdpInErrors: 1, UdpInDatagrams: 1 });
}

describe('UDP checksum', () => {
  netTest('datagrams of random lengths up to 1472 bytes and random content go out with checksums that verify', async (t) => {
    const lab = openLab(t);
    const rng = rngFor(t.seed, 'payloads');
    const fd = await lab.boundSocket(STACK_PORT);
    for (const length of [MAX_PAYLOAD, MAX_PAYLOAD - 1, ...Array.from({ length: 40 }, () => rng.int(0, MAX_PAYLOAD))]) {
      const payload = randomBytes(rng, length);
      const port = rng.int(1, 0xffff);
      await lab.sys.sendto(fd, payload, { address: lab.peerAddress, port });
      expectSentDatagram(await lab.peer.next(), { srcPort: STACK_PORT, dstPort: port, payload });
    }
  });

  netTest('datagrams of random lengths and content from random ports, with checksums that verify, are all delivered intact', async (t) => {
    const lab = openLab(t);
    const rng = rngFor(t.seed, 'payloads');
    const fd = await lab.boundSocket(STACK_PORT);
    for (let i = 0; i < 40; i++) {
      const payload = randomBytes(rng, rng.int(0, MAX_PAYLOAD));
      const srcPort = rng.int(1, 0xffff);
      await lab.arrive(lab.datagram({ srcPort, dstPort: STACK_PORT, payload }));
      expect((await takeQueued(lab.sys, fd)).map(summary)).toEqual([`${fingerprint(payload)} from ${lab.peerAddress}:${srcPort}`]);
    }
  });

  netTest('a datagram of 1472 bytes of 0xff, whose sum carries on every word, is delivered', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(0xffff);
    const payload = new Uint8Array(MAX_PAYLOAD).fill(0xff);
    await lab.arrive(lab.datagram({ srcPort: 0xffff, dstPort: 0xffff, payload }));
    expect((await takeQueued(lab.sys, fd)).map((result) => fingerprint(result.data))).toEqual([fingerprint(payload)]);
  });

  netTest('a checksum computed with protocol 6 (TCP) in the pseudo-header does not verify', async (t) => {
    await wrongPseudoHeader(openLab(t), (right) => ({ ...right, protocol: IPPROTO_TCP }));
  });

  netTest('a checksum computed for another destination address does not verify', async (t) => {
    await wrongPseudoHeader(openLab(t), (right) => ({ ...right, ip: { ...right.ip, dst: '10.0.0.77' } }));
  });

  netTest('a checksum computed with the wrong UDP length in the pseudo-header does not verify', async (t) => {
    await wrongPseudoHeader(openLab(t), (right) => ({ ...right, length: 8 + right.payload.length + 2 }));
  });

  netTest('a bit flipped in the ports or the payload makes the datagram fail its checksum, wherever it is', async (t) => {
    const lab = openLab(t);
    const rng = rngFor(t.seed, 'bit positions');
    const fd = await lab.boundSocket(STACK_PORT);
    const flips = 30;
    const damaged = Array.from({ length: flips }, () => {
      const packet = lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: randomBytes(rng, 64) });
      // Bytes 20–23 are the ports; 28 onwards the payload (Length and Checksum are left alone).
      const at = rng.chance(0.2) ? rng.int(20, 23) : rng.int(28, packet.length - 1);
      packet[at]! ^= 1 << rng.int(0, 7);
      return packet;
    });
    // The last one is left intact: the control that shows the socket does take what verifies.
    const changes = await lab.countersChangedBy(() => lab.arrive(...damaged, lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'intact' })));
    expect(texts(await takeQueued(lab.sys, fd))).toEqual(['intact']);
    expect(changes).toEqual({ IpInReceives: flips + 1, IpInDelivers: flips + 1, UdpInCsumErrors: flips, UdpInErrors: flips, UdpInDatagrams: 1 });
  });

  netTest('every checksum that computes to 0 goes out as 0xffff, for random ports and lengths', async (t) => {
    const lab = openLab(t);
    const rng = rngFor(t.seed, 'zero sums');
    for (let i = 0; i < 5; i++) {
      const [local, dstPort] = [STACK_PORT + i, rng.int(1, 0xffff)];
      const fd = await lab.boundSocket(local);
      // With a final word of 0 the checksum comes out as c; a final word of c makes the sum 0xffff and the checksum 0.
      const payload = randomBytes(rng, 2 * rng.int(1, 100));
      payload.fill(0, payload.length - 2);
      const c = checksumUnder({ ip: { src: lab.stackAddress, dst: lab.peerAddress }, srcPort: local, dstPort, payload });
      payload.set([c >> 8, c & 0xff], payload.length - 2);
      await lab.sys.sendto(fd, payload, { address: lab.peerAddress, port: dstPort });
      expect(expectSentDatagram(await lab.peer.next(), { srcPort: local, dstPort, payload }).udp.header.checksum).toBe(0xffff);
    }
  });
});
