/**
 * Level-triggered epoll (the default): a socket is reported on every epoll_wait for as long as it
 * is ready, and only with the events it was registered for (epoll(7)).
 */
import { EPOLLIN, EPOLLOUT } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { datagramLab } from '../support/datagram-lab';
import { readyNow, watching } from '../support/epoll-lab';

describe('level-triggered epoll', () => {
  netTest('reports a readable socket on every wait until it is read, then no more', async (t) => {
    const lab = await datagramLab(t);
    const fd = await lab.socket(7000);
    const ep = await watching(lab.sys, [fd], EPOLLIN);
    expect(await readyNow(lab.sys, ep)).toEqual([]);
    await lab.deliver(7000);
    expect(await readyNow(lab.sys, ep)).toEqual([`fd ${fd}: EPOLLIN`]);
    expect(await readyNow(lab.sys, ep)).toEqual([`fd ${fd}: EPOLLIN`]);
    await lab.sys.recvfrom(fd, 100);
    expect(await readyNow(lab.sys, ep)).toEqual([]);
  });

  netTest('keeps reporting a socket that still holds a datagram after one of two is read', async (t) => {
    const lab = await datagramLab(t);
    const fd = await lab.socket(7000);
    const ep = await watching(lab.sys, [fd], EPOLLIN);
    await lab.deliver(7000, 'one');
    await lab.deliver(7000, 'two');
    await lab.sys.recvfrom(fd, 100);
    expect(await readyNow(lab.sys, ep)).toEqual([`fd ${fd}: EPOLLIN`]);
  });

  netTest('reports only the events a socket was registered for, and all of them that hold', async (t) => {
    const lab = await datagramLab(t);
    const [readOnly, writeOnly, both] = [await lab.socket(7001), await lab.socket(7002), await lab.socket(7003)];
    const ep = await lab.sys.epollCreate();
    await lab.sys.epollCtl(ep, 'add', readOnly, EPOLLIN);
    await lab.sys.epollCtl(ep, 'add', writeOnly, EPOLLOUT);
    await lab.sys.epollCtl(ep, 'add', both, EPOLLIN | EPOLLOUT);
    // A UDP socket can always be written; none can be read yet.
    expect(await readyNow(lab.sys, ep)).toEqual([`fd ${writeOnly}: EPOLLOUT`, `fd ${both}: EPOLLOUT`]);
    for (const port of [7001, 7002, 7003]) await lab.deliver(port);
    expect(await readyNow(lab.sys, ep)).toEqual([`fd ${readOnly}: EPOLLIN`, `fd ${writeOnly}: EPOLLOUT`, `fd ${both}: EPOLLIN|EPOLLOUT`]);
  });

  netTest('reports after epoll_ctl MOD the events asked for now, not those asked for before', async (t) => {
    const lab = await datagramLab(t);
    const fd = await lab.socket(7000);
    const ep = await watching(lab.sys, [fd], EPOLLOUT);
    await lab.deliver(7000);
    expect(await readyNow(lab.sys, ep)).toEqual([`fd ${fd}: EPOLLOUT`]);
    await lab.sys.epollCtl(ep, 'mod', fd, EPOLLIN);
    expect(await readyNow(lab.sys, ep)).toEqual([`fd ${fd}: EPOLLIN`]);
  });
});
