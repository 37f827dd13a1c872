/** The checksum on the wire, with random payloads and every way a pseudo-header can be wrong. */
import { IPPROTO_TCP } from '../../../../harness/wire';
import { netTest } from '../../../../harness/testkit';
import { bytesOf, randomBytes } from '../support/bytes';
import { carryingAgain, checksumFoldedOnce } from '../support/carries';
import { openLab, type Lab } from '../support/lab';
import { checksumUnder, type PseudoHeaderChoice } from '../support/pseudo-header';
import { takeQueued, texts } from '../support/queue';
import { rngFor } from '../support/seeded';
import { fingerprint, summary } from '../support/summary';
import { expectSentDatagram } from '../support/sent-datagram';

const STACK_PORT = 40_000;
const PEER_PORT = 53;
const MAX_PAYLOAD = 1472;
/** Payloads whose sums are made to carry again after one fold: the shortest that can, odd lengths, the largest. */
const CARRY_LENGTHS = [4, 5, 64, 255, MAX_PAYLOAD - 1, MAX_PAYLOAD];

/** 0xff bytes make a sum that carries; the last whole word is then set so that its fold carries again. */
function carryAgain(lab: Lab, direction: 'to stack' | 'from stack', length: number): PseudoHeaderChoice {
  const [stack, peer] = [{ address: lab.stackAddress, port: STACK_PORT }, { address: lab.peerAddress, port: PEER_PORT }];
  const [from, to] = direction === 'to stack' ? [peer, stack] : [stack, peer];
  return carryingAgain({ ip: { src: from.address, dst: to.address }, srcPort: from.port, dstPort: to.port, payload: new Uint8Array(length).fill(0xff) });
}

const hex = (value: number): string => `0x${value.toString(16).padStart(4, '0')}`;

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

  netTest('payloads of 4 to 1472 bytes whose sums carry again after the first fold go out with checksums that verify', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    for (const length of CARRY_LENGTHS) {
      const { payload } = carryAgain(lab, 'from stack', length);
      await lab.sys.sendto(fd, payload, { address: lab.peerAddress, port: PEER_PORT });
      expectSentDatagram(await lab.peer.next(), { srcPort: STACK_PORT, dstPort: PEER_PORT, payload });
    }
  });

  netTest('a datagram whose right checksum takes a second fold to compute is delivered, for odd and even lengths', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    for (const length of CARRY_LENGTHS) {
      const choice = carryAgain(lab, 'to stack', length);
      const changes = await lab.countersChangedBy(() => lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: choice.payload })));
      const delivered = (await takeQueued(lab.sys, fd)).map((result) => fingerprint(result.data));
      if (delivered.join() !== fingerprint(choice.payload)) {
        throw new Error(
          `a ${length}-byte datagram with its right checksum ${hex(checksumUnder(choice))} (not ${hex(checksumFoldedOnce(choice))}, what folding once gives) ` +
            `was not delivered: the socket got ${delivered.length === 0 ? 'nothing' : delivered.join(', ')}; counters changed ${JSON.stringify(changes)}`,
        );
      }
    }
  });

  netTest('a datagram whose checksum was folded once only, one off the right one, is dropped and counted in UdpInCsumErrors', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    const foldedOnce = CARRY_LENGTHS.map((length) => {
      const choice = carryAgain(lab, 'to stack', length);
      return lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: choice.payload, checksum: checksumFoldedOnce(choice) });
    });
    const n = foldedOnce.length;
    // The last one is right: the control that shows the socket does take what verifies.
    const control = bytesOf('intact');
    const changes = await lab.countersChangedBy(() => lab.arrive(...foldedOnce, lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: control })));
    const delivered = (await takeQueued(lab.sys, fd)).map((result) => result.data.length);
    if (delivered.join() !== String(control.length)) {
      throw new Error(
        `of ${n} datagrams of ${CARRY_LENGTHS.join(', ')} bytes whose checksums were folded once only, then an intact one of ${control.length} bytes, ` +
          `only the intact one verifies; the socket got datagrams of ${delivered.join(', ') || 'no'} bytes`,
      );
    }
    expect(changes).toEqual({ IpInReceives: n + 1, IpInDelivers: n + 1, UdpInCsumErrors: n, UdpInErrors: n, UdpInDatagrams: 1 });
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
