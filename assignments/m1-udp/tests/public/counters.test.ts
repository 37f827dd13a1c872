/** The UDP counters (Linux's names): what was sent, delivered, and dropped for want of a socket. */
import { netTest } from '../../../../harness/testkit';
import { bytesOf } from '../support/bytes';
import { openLab } from '../support/lab';

const STACK_PORT = 7000;
const PEER_PORT = 5000;

describe('counters', () => {
  netTest('each datagram sent counts once in UdpOutDatagrams and IpOutRequests', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    const changes = await lab.countersChangedBy(async () => {
      for (const text of ['a', 'b', 'c']) await lab.sys.sendto(fd, bytesOf(text), { address: lab.peerAddress, port: PEER_PORT });
    });
    expect(changes).toEqual({ UdpOutDatagrams: 3, IpOutRequests: 3 });
  });

  netTest('each datagram delivered to a socket counts once in UdpInDatagrams', async (t) => {
    const lab = openLab(t);
    await lab.boundSocket(STACK_PORT);
    const changes = await lab.countersChangedBy(() => lab.arrive(...['a', 'b'].map((payload) => lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload }))));
    expect(changes).toEqual({ IpInReceives: 2, IpInDelivers: 2, UdpInDatagrams: 2 });
  });

  netTest('a datagram to a closed port counts in UdpNoPorts, and its port unreachable in IcmpOutDestUnreachs', async (t) => {
    const lab = openLab(t);
    const changes = await lab.countersChangedBy(() => lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: 9, payload: 'closed' })));
    expect(changes).toEqual({ IpInReceives: 1, IpInDelivers: 1, UdpNoPorts: 1, IcmpOutDestUnreachs: 1, IpOutRequests: 1 });
  });
});
