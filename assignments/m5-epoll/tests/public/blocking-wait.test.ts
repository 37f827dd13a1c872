/**
 * epoll_wait that blocks: it returns as soon as a watched socket becomes ready (an arrival, an
 * error), or empty when its timeout passes; a stack that is never asked again must have woken it.
 */
import { EPOLLIN } from '../../../../harness/contract';
import { WAIT_FOREVER } from '../../../../harness/runtime';
import { netTest } from '../../../../harness/testkit';
import { datagramLab } from '../support/datagram-lab';
import { named, watching } from '../support/epoll-lab';

/** One way from host a to host b. */
const LINK_MS = 1;

describe('a blocking epoll_wait', () => {
  netTest('with nothing ready, returns empty when its timeout has passed, not before', async (t) => {
    const lab = await datagramLab(t);
    const fd = await lab.socket(7000);
    const ep = await watching(lab.sys, [fd], EPOLLIN);
    const start = lab.nowMs();
    expect(await lab.sys.epollWait(ep, 4, 250)).toEqual([]);
    expect(lab.nowMs() - start).toBeCloseTo(250, 3);
  });

  netTest('returns when a datagram arrives, at its arrival, with the socket that got it', async (t) => {
    const lab = await datagramLab(t);
    const [quiet, busy] = [await lab.socket(7000), await lab.socket(7001)];
    const ep = await watching(lab.sys, [quiet, busy], EPOLLIN);
    const start = lab.nowMs();
    const [events] = await Promise.all([lab.sys.epollWait(ep, 4, WAIT_FOREVER), lab.send(7001)]);
    expect(named(events)).toEqual([`fd ${busy}: EPOLLIN`]);
    expect(lab.nowMs() - start).toBeCloseTo(LINK_MS, 3);
  });

  netTest('returns with EPOLLERR when a connected UDP socket learns its peer port is unreachable', async (t) => {
    const lab = await datagramLab(t);
    const fd = await lab.socket(7000);
    // Nothing listens on the peer's port 9999: its ICMP port unreachable comes back.
    await lab.sys.connect(fd, { address: lab.peerAddress, port: 9999 });
    const ep = await watching(lab.sys, [fd], EPOLLIN);
    const [events] = await Promise.all([lab.sys.epollWait(ep, 4, WAIT_FOREVER), lab.sys.send(fd, new Uint8Array([1]))]);
    // EPOLLERR is reported though it was not asked for.
    expect(named(events)).toEqual([`fd ${fd}: EPOLLERR`]);
    expect(await lab.sys.getsockopt(fd, 'SO_ERROR')).not.toBe(0);
    // Reading SO_ERROR cleared the error: nothing is left to report.
    expect(await lab.sys.epollWait(ep, 4, 0)).toEqual([]);
  });
});
