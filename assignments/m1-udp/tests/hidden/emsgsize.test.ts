/** EMSGSIZE on other links: jumbo frames, the 65535-byte ceiling of IPv4, and connected sockets. */
import { netTest } from '../../../../harness/testkit';
import { expectErrno } from '../support/errno';
import { openLab } from '../support/lab';
import { expectSentDatagram } from '../support/sent-datagram';
import { bytesOf } from '../support/bytes';
import { boundUdpSocket } from '../support/sockets';
import { fingerprint } from '../support/summary';

const STACK_PORT = 6_000;
const PEER_PORT = 6_001;
const HEADERS = 28;

describe('EMSGSIZE', () => {
  netTest('on a 9000-byte MTU, 8972 bytes of payload fit exactly and 8973 are refused', async (t) => {
    const lab = openLab(t, { mtu: 9000 });
    const fd = await lab.boundSocket(STACK_PORT);
    const to = { address: lab.peerAddress, port: PEER_PORT };
    await expectErrno(lab.sys.sendto(fd, new Uint8Array(9000 - HEADERS + 1), to), 'EMSGSIZE');
    const payload = new Uint8Array(9000 - HEADERS).fill(7);
    expect(await lab.sys.sendto(fd, payload, to)).toBe(8972);
    expectSentDatagram(await lab.peer.next(), { dstPort: PEER_PORT, payload });
  });

  netTest('on a link whose MTU exceeds 65535, a datagram is still limited to the 65507 bytes IPv4 can carry', async (t) => {
    const lab = openLab(t, { mtu: 100_000 });
    const fd = await lab.boundSocket(STACK_PORT);
    const to = { address: lab.peerAddress, port: PEER_PORT };
    await expectErrno(lab.sys.sendto(fd, new Uint8Array(65535 - HEADERS + 1), to), 'EMSGSIZE');
    const payload = new Uint8Array(65535 - HEADERS).fill(9);
    expect(await lab.sys.sendto(fd, payload, to)).toBe(65507);
    expect((await lab.peer.next())?.packet.length).toBe(65535);
  });

  netTest('send on a connected socket refuses an oversize datagram, sends nothing, and still sends the next', async (t) => {
    const lab = openLab(t, { mtu: 600 });
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.sys.connect(fd, { address: lab.peerAddress, port: PEER_PORT });
    const refused = await lab.countersChangedBy(() => expectErrno(lab.sys.send(fd, new Uint8Array(600 - HEADERS + 1)), 'EMSGSIZE'));
    expect(refused).toEqual({});
    const sent = await lab.countersChangedBy(() => lab.sys.send(fd, bytesOf('small')));
    expect(sent).toEqual({ UdpOutDatagrams: 1, IpOutRequests: 1 });
    expectSentDatagram(await lab.peer.next(), { dstPort: PEER_PORT, payload: 'small' });
  });

  netTest('the largest datagram for the link crosses between two copies of the stack intact', async (t) => {
    const { sysA, sysB, b } = t.twoStacks({ mtu: 1500 });
    const [sender, receiver] = [await sysA.socket('udp'), await boundUdpSocket(sysB, PEER_PORT)];
    const payload = Uint8Array.from({ length: 1472 }, (_, i) => i % 251);
    await sysA.sendto(sender, payload, { address: b.address, port: PEER_PORT });
    expect(fingerprint((await sysB.recvfrom(receiver, 2000)).data)).toBe(fingerprint(payload));
  });
});
