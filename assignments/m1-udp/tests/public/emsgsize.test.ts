/** EMSGSIZE: a datagram must fit in one IPv4 packet on the link (socklab never fragments). */
import { netTest } from '../../../../harness/testkit';
import { expectErrno } from '../support/errno';
import { openLab } from '../support/lab';
import { expectSentDatagram } from '../support/sent-datagram';

const STACK_PORT = 7000;
const PEER_PORT = 5000;
/** IPv4 header plus UDP header. */
const HEADERS = 28;

describe('EMSGSIZE', () => {
  netTest('on a 1500-byte MTU, 1472 bytes of payload, an exact fit, go out as one 1500-byte packet', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    const payload = new Uint8Array(1500 - HEADERS).fill(0x42);
    expect(await lab.sys.sendto(fd, payload, { address: lab.peerAddress, port: PEER_PORT })).toBe(1472);
    const arrival = await lab.peer.next();
    expectSentDatagram(arrival, { srcPort: STACK_PORT, dstPort: PEER_PORT, payload });
    expect(arrival?.packet.length).toBe(1500);
  });

  netTest('on a 1500-byte MTU, 1473 bytes of payload are refused and nothing is sent', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    const to = { address: lab.peerAddress, port: PEER_PORT };
    const refused = await lab.countersChangedBy(() => expectErrno(lab.sys.sendto(fd, new Uint8Array(1500 - HEADERS + 1), to), 'EMSGSIZE'));
    await lab.sys.sleep(10);
    expect(lab.peer.pending).toBe(0);
    expect(refused).toEqual({});
    // The control: one byte less goes out from the same socket, and is counted.
    const sent = await lab.countersChangedBy(() => lab.sys.sendto(fd, new Uint8Array(1500 - HEADERS), to));
    expect(sent).toEqual({ UdpOutDatagrams: 1, IpOutRequests: 1 });
    expect((await lab.peer.next())?.packet.length).toBe(1500);
  });

  netTest("the limit follows the link's MTU: 548 bytes fit a 576-byte MTU exactly, 549 do not", async (t) => {
    const lab = openLab(t, { mtu: 576 });
    const fd = await lab.boundSocket(STACK_PORT);
    const to = { address: lab.peerAddress, port: PEER_PORT };
    await expectErrno(lab.sys.sendto(fd, new Uint8Array(576 - HEADERS + 1), to), 'EMSGSIZE', 'sendto of 549 bytes');
    expect(await lab.sys.sendto(fd, new Uint8Array(576 - HEADERS), to)).toBe(548);
    expect((await lab.peer.next())?.packet.length).toBe(576);
  });
});
