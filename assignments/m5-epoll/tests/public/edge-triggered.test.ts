/**
 * Edge-triggered epoll (EPOLLET): a socket is reported when it becomes ready and when more input
 * arrives, not again for the readiness it already had (epoll(7): "delivers events only when
 * changes occur on the monitored file descriptor").
 */
import { EPOLLET, EPOLLIN, EPOLLOUT } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { datagramLab } from '../support/datagram-lab';
import { readyNow, watching } from '../support/epoll-lab';
import { drainDatagrams } from '../support/nonblocking-io';

describe('edge-triggered epoll', () => {
  netTest('reports an arrival once, even while the datagram stays unread', async (t) => {
    const lab = await datagramLab(t);
    const fd = await lab.socket(7000);
    const ep = await watching(lab.sys, [fd], EPOLLIN | EPOLLET);
    await lab.deliver(7000);
    expect(await readyNow(lab.sys, ep)).toEqual([`fd ${fd}: EPOLLIN`]);
    expect(await readyNow(lab.sys, ep)).toEqual([]);
  });

  netTest('reports again when another datagram arrives, though the first was never read', async (t) => {
    const lab = await datagramLab(t);
    const fd = await lab.socket(7000);
    const ep = await watching(lab.sys, [fd], EPOLLIN | EPOLLET);
    await lab.deliver(7000, 'one');
    expect(await readyNow(lab.sys, ep)).toEqual([`fd ${fd}: EPOLLIN`]);
    await lab.deliver(7000, 'two');
    expect(await readyNow(lab.sys, ep)).toEqual([`fd ${fd}: EPOLLIN`]);
    expect(await readyNow(lab.sys, ep)).toEqual([]);
  });

  netTest('reports the next arrival after a loop read the socket until EAGAIN', async (t) => {
    const lab = await datagramLab(t);
    const fd = await lab.socket(7000);
    lab.sys.fcntl(fd, 'O_NONBLOCK');
    const ep = await watching(lab.sys, [fd], EPOLLIN | EPOLLET);
    await lab.deliver(7000, 'one');
    await lab.deliver(7000, 'two');
    expect(await readyNow(lab.sys, ep)).toEqual([`fd ${fd}: EPOLLIN`]);
    expect(await drainDatagrams(lab.sys, fd)).toEqual(['one', 'two']);
    expect(await readyNow(lab.sys, ep)).toEqual([]);
    await lab.deliver(7000, 'three');
    expect(await readyNow(lab.sys, ep)).toEqual([`fd ${fd}: EPOLLIN`]);
  });

  netTest('reports a socket that was already ready when it was added, once', async (t) => {
    const lab = await datagramLab(t);
    const fd = await lab.socket(7000);
    await lab.deliver(7000);
    const ep = await watching(lab.sys, [fd], EPOLLIN | EPOLLOUT | EPOLLET);
    expect(await readyNow(lab.sys, ep)).toEqual([`fd ${fd}: EPOLLIN|EPOLLOUT`]);
    expect(await readyNow(lab.sys, ep)).toEqual([]);
  });
});
