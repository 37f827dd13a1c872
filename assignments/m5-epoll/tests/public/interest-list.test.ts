/**
 * The interest list: what epoll_ctl accepts and refuses, with Linux's errno (epoll_ctl(2),
 * epoll_wait(2)), and how DEL and close take a socket out of it.
 */
import { EPOLLIN, EPOLLOUT } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { expectErrno } from '../../../m1-udp/tests/support/errno';
import { datagramLab } from '../support/datagram-lab';
import { readyNow, watching } from '../support/epoll-lab';

/** An fd number no test opens. */
const NEVER_OPENED = 999;

describe('the interest list', () => {
  netTest('ADD of a registered fd fails with EEXIST; MOD and DEL of an unregistered fd fail with ENOENT', async (t) => {
    const lab = await datagramLab(t);
    const fd = await lab.socket(7000);
    const ep = await watching(lab.sys, [fd], EPOLLIN);
    await expectErrno(lab.sys.epollCtl(ep, 'add', fd, EPOLLIN), 'EEXIST', 'a second ADD');
    const other = await lab.socket(7001);
    await expectErrno(lab.sys.epollCtl(ep, 'mod', other, EPOLLIN), 'ENOENT', 'MOD of an fd never added');
    await expectErrno(lab.sys.epollCtl(ep, 'del', other, 0), 'ENOENT', 'DEL of an fd never added');
  });

  netTest('epoll_ctl and epoll_wait fail with EBADF for an fd that is not open, before any check that gives EINVAL', async (t) => {
    const lab = await datagramLab(t);
    const fd = await lab.socket(7000);
    const ep = await lab.sys.epollCreate();
    await expectErrno(lab.sys.epollCtl(ep, 'add', NEVER_OPENED, EPOLLIN), 'EBADF', 'ADD of an fd not open');
    await expectErrno(lab.sys.epollCtl(NEVER_OPENED, 'add', fd, EPOLLIN), 'EBADF', 'epoll_ctl on an epoll fd not open');
    // Both fds are checked first (Linux's do_epoll_ctl): a socket as the epoll fd, or an fd that
    // would watch itself, is EINVAL only when both are open.
    await expectErrno(lab.sys.epollCtl(fd, 'add', NEVER_OPENED, EPOLLIN), 'EBADF', 'epoll_ctl with a socket as the epoll fd, of an fd not open');
    await expectErrno(lab.sys.epollCtl(NEVER_OPENED, 'add', NEVER_OPENED, EPOLLIN), 'EBADF', 'epoll_ctl with one fd not open as both');
    await expectErrno(lab.sys.epollWait(NEVER_OPENED, 4, 0), 'EBADF', 'epoll_wait on an fd not open');
    // The fd is checked first (Linux 6): an fd that is not open gets EBADF even with maxevents 0.
    await expectErrno(lab.sys.epollWait(NEVER_OPENED, 0, 0), 'EBADF', 'epoll_wait with maxevents 0 on an fd not open');
  });

  netTest('fails with EINVAL when the epoll fd is a socket, when an instance watches itself or another instance, and for maxevents below 1', async (t) => {
    const lab = await datagramLab(t);
    const fd = await lab.socket(7000);
    const ep = await lab.sys.epollCreate();
    await expectErrno(lab.sys.epollCtl(fd, 'add', ep, EPOLLIN), 'EINVAL', 'epoll_ctl with a socket as the epoll fd');
    await expectErrno(lab.sys.epollCtl(ep, 'add', ep, EPOLLIN), 'EINVAL', 'an epoll instance added to itself');
    // Linux nests epoll instances; socklab's watch sockets only.
    const other = await lab.sys.epollCreate();
    await expectErrno(lab.sys.epollCtl(ep, 'add', other, EPOLLIN), 'EINVAL', 'an epoll instance added to another');
    await expectErrno(lab.sys.epollWait(fd, 4, 0), 'EINVAL', 'epoll_wait on a socket');
    await expectErrno(lab.sys.epollWait(ep, 0, 0), 'EINVAL', 'epoll_wait with maxevents 0');
    await expectErrno(lab.sys.epollWait(ep, -1, 0), 'EINVAL', 'epoll_wait with maxevents -1');
  });

  netTest('DEL stops the reports of a socket, even one that was ready', async (t) => {
    const lab = await datagramLab(t);
    const fd = await lab.socket(7000);
    const ep = await watching(lab.sys, [fd], EPOLLIN);
    await lab.deliver(7000);
    expect(await readyNow(lab.sys, ep)).toEqual([`fd ${fd}: EPOLLIN`]);
    await lab.sys.epollCtl(ep, 'del', fd, 0);
    expect(await readyNow(lab.sys, ep)).toEqual([]);
    await lab.deliver(7000);
    expect(await readyNow(lab.sys, ep)).toEqual([]);
  });

  netTest('close takes a socket out of every instance that watched it; the fd number reused is not watched', async (t) => {
    const lab = await datagramLab(t);
    const fd = await lab.socket(7000);
    const [first, second] = [await watching(lab.sys, [fd], EPOLLIN | EPOLLOUT), await watching(lab.sys, [fd], EPOLLOUT)];
    await lab.deliver(7000);
    await lab.sys.close(fd);
    expect(await readyNow(lab.sys, first)).toEqual([]);
    expect(await readyNow(lab.sys, second)).toEqual([]);
    const reused = await lab.socket(7001);
    expect(reused).toBe(fd); // the lowest free fd: the number comes back
    expect(await readyNow(lab.sys, first)).toEqual([]);
    await lab.sys.epollCtl(first, 'add', reused, EPOLLOUT);
    expect(await readyNow(lab.sys, first)).toEqual([`fd ${reused}: EPOLLOUT`]);
  });

  netTest('two instances watch one socket each with its own events and its own mode', async (t) => {
    const lab = await datagramLab(t);
    const fd = await lab.socket(7000);
    const [reads, writes] = [await watching(lab.sys, [fd], EPOLLIN), await watching(lab.sys, [fd], EPOLLOUT)];
    await lab.deliver(7000);
    expect(await readyNow(lab.sys, reads)).toEqual([`fd ${fd}: EPOLLIN`]);
    expect(await readyNow(lab.sys, writes)).toEqual([`fd ${fd}: EPOLLOUT`]);
    await lab.sys.epollCtl(reads, 'del', fd, 0);
    expect(await readyNow(lab.sys, writes)).toEqual([`fd ${fd}: EPOLLOUT`]);
  });
});
