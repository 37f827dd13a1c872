/**
 * The Internet checksum (RFC 1071) and the UDP pseudo-header (RFC 768), seen on the wire: what
 * the stack sends must verify, what arrives is delivered only when it verifies.
 */
import { netTest } from '../../../../harness/testkit';
import { bytesOf } from '../support/bytes';
import { openLab } from '../support/lab';
import { fingerprint } from '../support/summary';
import { checksumUnder } from '../support/pseudo-header';
import { expectSentDatagram } from '../support/sent-datagram';

const STACK_PORT = 7000;
const PEER_PORT = 5000;
/** Lengths that exercise the odd last byte and sums that wrap around many times. */
const LENGTHS = [0, 1, 2, 3, 17, 64, 255, 1472];

describe('UDP checksum', () => {
  netTest('every datagram the stack sends carries a checksum that verifies, for odd and even lengths', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    for (const length of LENGTHS) {
      const payload = new Uint8Array(length).fill(0xff);
      await lab.sys.sendto(fd, payload, { address: lab.peerAddress, port: PEER_PORT });
      expectSentDatagram(await lab.peer.next(), { srcPort: STACK_PORT, dstPort: PEER_PORT, payload });
    }
  });

  netTest('a datagram whose sum carries again after the first fold is sent with a checksum that verifies', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    // Pseudo-header 0x0a00 + 0x0001 + 0x0a00 + 0x0002 + 0x0011 + 0x000c (Length 12) = 0x1420; header
    // 0x1b58 + 0x1388 + 0x000c + 0 (ports 7000 and 5000, Length, checksum 0); payload 0xffff + 0xbcf4.
    // In all 0x1ffff: one fold gives 0xffff + 0x1 = 0x10000, which carries again, to 0x0001. The
    // checksum is ~0x0001 = 0xfffe; a stack that folds once only sends ~0x10000 = 0xffff.
    const payload = Uint8Array.of(0xff, 0xff, 0xbc, 0xf4);
    await lab.sys.sendto(fd, payload, { address: lab.peerAddress, port: PEER_PORT });
    expectSentDatagram(await lab.peer.next(), { srcPort: STACK_PORT, dstPort: PEER_PORT, payload });
  });

  netTest('a datagram whose checksum verifies is delivered, for odd and even lengths', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    for (const length of LENGTHS) {
      const payload = new Uint8Array(length).fill(0xff);
      await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload }));
      expect(fingerprint((await lab.sys.recvfrom(fd, 2000)).data)).toBe(fingerprint(payload));
    }
  });

  netTest('a datagram with checksum 0 (none computed) is delivered', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'unchecked', checksum: 0 }));
    expect((await lab.sys.recvfrom(fd, 100)).data).toEqual(bytesOf('unchecked'));
  });

  netTest('a datagram with one payload bit flipped is dropped and counted in UdpInCsumErrors', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    const damaged = lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'damaged' });
    damaged[damaged.length - 1]! ^= 0x01;
    const changes = await lab.countersChangedBy(() => lab.arrive(damaged, lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'intact' })));
    expect((await lab.sys.recvfrom(fd, 100)).data).toEqual(bytesOf('intact'));
    expect(changes).toEqual({ IpInReceives: 2, IpInDelivers: 2, UdpInCsumErrors: 1, UdpInErrors: 1, UdpInDatagrams: 1 });
  });

  netTest('a checksum computed for another source address does not verify: the pseudo-header counts', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    const payload = bytesOf('spoofed');
    const checksum = checksumUnder({ ip: { src: '10.0.0.99', dst: lab.stackAddress }, srcPort: PEER_PORT, dstPort: STACK_PORT, payload });
    const misaddressed = lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload, checksum });
    const changes = await lab.countersChangedBy(() => lab.arrive(misaddressed, lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'genuine' })));
    expect((await lab.sys.recvfrom(fd, 100)).data).toEqual(bytesOf('genuine'));
    expect(changes).toMatchObject({ UdpInCsumErrors: 1, UdpInDatagrams: 1 });
  });

  netTest('a datagram whose checksum computes to 0 is sent with 0xffff instead', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    // With a final word of 0 the checksum comes out as c; a final word of c makes the sum 0xffff and the checksum 0.
    const payload = bytesOf('zero sum\0\0');
    const c = checksumUnder({ ip: { src: lab.stackAddress, dst: lab.peerAddress }, srcPort: STACK_PORT, dstPort: PEER_PORT, payload });
    payload.set([c >> 8, c & 0xff], payload.length - 2);
    await lab.sys.sendto(fd, payload, { address: lab.peerAddress, port: PEER_PORT });
    const sent = expectSentDatagram(await lab.peer.next(), { srcPort: STACK_PORT, dstPort: PEER_PORT, payload });
    expect(sent.udp.header.checksum).toBe(0xffff);
  });

  netTest('a packet whose IPv4 header checksum does not verify is dropped and counted in IpInHdrErrors', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    const badHeader = lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'bad header', ip: { checksum: 0x1234 } });
    const changes = await lab.countersChangedBy(() => lab.arrive(badHeader, lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'good' })));
    expect((await lab.sys.recvfrom(fd, 100)).data).toEqual(bytesOf('good'));
    expect(changes).toEqual({ IpInReceives: 2, IpInHdrErrors: 1, IpInDelivers: 1, UdpInDatagrams: 1 });
  });
});
