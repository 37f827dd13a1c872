/** poll on UDP sockets: always writable, readable while a datagram is queued, EPOLLERR while an error is pending. */
import { EPOLLERR, EPOLLIN, EPOLLOUT, formatEvents } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { portUnreachableFor, senderTo } from '../support/icmp';
import { openLab } from '../support/lab';
import { readiness } from '../support/readiness';

const STACK_PORT = 7000;
const PEER_PORT = 5000;

describe('poll', () => {
  netTest('a new UDP socket is writable and not readable', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    expect(await readiness(lab.sys, fd)).toBe(formatEvents(EPOLLOUT));
    // The control: a datagram makes the same socket readable.
    await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'now' }));
    expect(await readiness(lab.sys, fd)).toBe(formatEvents(EPOLLIN | EPOLLOUT));
  });

  netTest('a socket is readable while a datagram is queued, and no longer once the queue is empty', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'one' }), lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'two' }));
    expect(await readiness(lab.sys, fd)).toBe(formatEvents(EPOLLIN | EPOLLOUT));
    await lab.sys.recvfrom(fd, 100);
    expect(await readiness(lab.sys, fd)).toBe(formatEvents(EPOLLIN | EPOLLOUT));
    await lab.sys.recvfrom(fd, 100);
    expect(await readiness(lab.sys, fd)).toBe(formatEvents(EPOLLOUT));
  });

  netTest('a connected socket reports EPOLLERR once a port unreachable arrives, until the error is collected', async (t) => {
    const lab = openLab(t);
    const { fd, datagram } = await senderTo(lab, PEER_PORT, { connected: true });
    await lab.arrive(portUnreachableFor(lab, datagram));
    expect(await readiness(lab.sys, fd)).toBe(formatEvents(EPOLLOUT | EPOLLERR));
    await lab.sys.getsockopt(fd, 'SO_ERROR');
    expect(await readiness(lab.sys, fd)).toBe(formatEvents(EPOLLOUT));
  });
});
