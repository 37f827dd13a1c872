/** The receive queue is bounded by SO_RCVBUF (bytes of payload): what does not fit is dropped and counted. */
import { netTest } from '../../../../harness/testkit';
import { openLab, type Lab } from '../support/lab';
import { takeQueued } from '../support/queue';

const STACK_PORT = 7000;
const PEER_PORT = 5000;

/** `count` datagrams of `size` bytes, the i-th filled with the byte i, so that each is recognisable. */
function numbered(lab: Lab, count: number, size: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: new Uint8Array(size).fill(i) }));
}

describe('receive queue', () => {
  netTest('datagrams beyond SO_RCVBUF bytes of queued payload are dropped and counted in UdpRcvbufErrors', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.sys.setsockopt(fd, 'SO_RCVBUF', 1000);
    const changes = await lab.countersChangedBy(() => lab.arrive(...numbered(lab, 5, 300)));
    expect((await takeQueued(lab.sys, fd)).map((result) => result.data[0])).toEqual([0, 1, 2]);
    expect(changes).toEqual({ IpInReceives: 5, IpInDelivers: 5, UdpInDatagrams: 3, UdpRcvbufErrors: 2, UdpInErrors: 2 });
  });

  netTest('once the queue has been read, arriving datagrams are queued again', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.sys.setsockopt(fd, 'SO_RCVBUF', 1000);
    await lab.arrive(...numbered(lab, 4, 400));
    expect(await takeQueued(lab.sys, fd)).toHaveLength(2);
    await lab.arrive(...numbered(lab, 2, 400));
    expect((await takeQueued(lab.sys, fd)).map((result) => result.data[0])).toEqual([0, 1]);
  });

  netTest('getsockopt SO_RCVBUF reads back the size that was set', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.sys.setsockopt(fd, 'SO_RCVBUF', 4096);
    expect(await lab.sys.getsockopt(fd, 'SO_RCVBUF')).toBe(4096);
  });
});
