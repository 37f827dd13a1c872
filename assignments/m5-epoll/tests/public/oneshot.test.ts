/**
 * One-shot epoll (EPOLLONESHOT): a socket is reported once, then disarmed (still registered, never
 * reported) until epoll_ctl MOD arms it again (epoll_ctl(2)).
 */
import { EPOLLIN, EPOLLONESHOT } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { expectErrno } from '../../../m1-udp/tests/support/errno';
import { datagramLab } from '../support/datagram-lab';
import { readyNow, watching } from '../support/epoll-lab';

describe('one-shot epoll', () => {
  netTest('reports once, then nothing, not even for a new arrival, until MOD arms it again', async (t) => {
    const lab = await datagramLab(t);
    const fd = await lab.socket(7000);
    const ep = await watching(lab.sys, [fd], EPOLLIN | EPOLLONESHOT);
    await lab.deliver(7000, 'one');
    expect(await readyNow(lab.sys, ep)).toEqual([`fd ${fd}: EPOLLIN`]);
    expect(await readyNow(lab.sys, ep)).toEqual([]);
    await lab.deliver(7000, 'two');
    expect(await readyNow(lab.sys, ep)).toEqual([]);
    await lab.sys.epollCtl(ep, 'mod', fd, EPOLLIN | EPOLLONESHOT);
    expect(await readyNow(lab.sys, ep)).toEqual([`fd ${fd}: EPOLLIN`]);
    expect(await readyNow(lab.sys, ep)).toEqual([]);
  });

  netTest('a disarmed socket stays registered: ADD fails with EEXIST, DEL succeeds', async (t) => {
    const lab = await datagramLab(t);
    const fd = await lab.socket(7000);
    const ep = await watching(lab.sys, [fd], EPOLLIN | EPOLLONESHOT);
    await lab.deliver(7000);
    expect(await readyNow(lab.sys, ep)).toEqual([`fd ${fd}: EPOLLIN`]);
    await expectErrno(lab.sys.epollCtl(ep, 'add', fd, EPOLLIN), 'EEXIST', 'epoll_ctl ADD of a disarmed socket');
    await lab.sys.epollCtl(ep, 'del', fd, 0);
    await expectErrno(lab.sys.epollCtl(ep, 'mod', fd, EPOLLIN), 'ENOENT', 'epoll_ctl MOD after DEL');
  });

  netTest('MOD without EPOLLONESHOT makes it level-triggered again', async (t) => {
    const lab = await datagramLab(t);
    const fd = await lab.socket(7000);
    const ep = await watching(lab.sys, [fd], EPOLLIN | EPOLLONESHOT);
    await lab.deliver(7000);
    expect(await readyNow(lab.sys, ep)).toEqual([`fd ${fd}: EPOLLIN`]);
    await lab.sys.epollCtl(ep, 'mod', fd, EPOLLIN);
    expect(await readyNow(lab.sys, ep)).toEqual([`fd ${fd}: EPOLLIN`]);
    expect(await readyNow(lab.sys, ep)).toEqual([`fd ${fd}: EPOLLIN`]);
  });
});
