/** The UDP header (RFC 768) as the stack writes it and reads it. */
import { IPPROTO_UDP } from '../../../../harness/wire';
import { netTest } from '../../../../harness/testkit';
import { bytesOf } from '../support/bytes';
import { openLab } from '../support/lab';
import { takeQueued, texts } from '../support/queue';
import { expectSentDatagram } from '../support/sent-datagram';

const STACK_PORT = 7000;
const PEER_PORT = 5000;

describe('UDP header', () => {
  netTest('a datagram the stack sends has its ports, Length 8 + payload, and goes in IPv4 protocol 17 between the hosts', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.sys.sendto(fd, bytesOf('42 C'), { address: lab.peerAddress, port: PEER_PORT });
    const sent = expectSentDatagram(await lab.peer.next(), { src: lab.stackAddress, dst: lab.peerAddress, srcPort: STACK_PORT, dstPort: PEER_PORT, payload: '42 C' });
    expect(sent.udp.header.length).toBe(8 + 4);
    expect(sent.ip.header.protocol).toBe(IPPROTO_UDP);
  });

  netTest('an arriving datagram is delivered with its payload and the address and port it came from', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'temperature?' }));
    expect(await lab.sys.recvfrom(fd, 100)).toEqual({ data: bytesOf('temperature?'), from: { address: lab.peerAddress, port: PEER_PORT }, truncated: false });
  });

  netTest('a UDP Length shorter than the IPv4 payload ends the datagram there', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'kept|ignored', length: 8 + 4 }));
    expect(texts(await takeQueued(lab.sys, fd))).toEqual(['kept']);
  });

  netTest('a UDP Length beyond the bytes that arrived is dropped and counted in UdpInErrors', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    const overlong = lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'short', length: 8 + 5 + 1 });
    const changes = await lab.countersChangedBy(() => lab.arrive(overlong, lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'next' })));
    expect(texts(await takeQueued(lab.sys, fd))).toEqual(['next']);
    expect(changes).toEqual({ IpInReceives: 2, IpInDelivers: 2, UdpInErrors: 1, UdpInDatagrams: 1 });
  });

  netTest('a UDP Length below the 8-byte header is dropped and counted in UdpInErrors', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    const undersized = lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'abc', length: 7 });
    const changes = await lab.countersChangedBy(() => lab.arrive(undersized, lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'next' })));
    expect(texts(await takeQueued(lab.sys, fd))).toEqual(['next']);
    expect(changes).toEqual({ IpInReceives: 2, IpInDelivers: 2, UdpInErrors: 1, UdpInDatagrams: 1 });
  });

  netTest('an empty datagram is sent with Length 8 and received as zero bytes', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    expect(await lab.sys.sendto(fd, new Uint8Array(0), { address: lab.peerAddress, port: PEER_PORT })).toBe(0);
    expect(expectSentDatagram(await lab.peer.next(), { srcPort: STACK_PORT, dstPort: PEER_PORT, payload: '' }).udp.header.length).toBe(8);
    await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT }));
    expect(await takeQueued(lab.sys, fd)).toEqual([{ data: new Uint8Array(0), from: { address: lab.peerAddress, port: PEER_PORT }, truncated: false }]);
  });
});
