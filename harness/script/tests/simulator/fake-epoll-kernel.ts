/**
 * The toy kernel (testing/toy-kernel.ts) with a level-triggered epoll of its own, for the
 * simulator backend's epoll data: its one socket is fd 3, its epoll fds the lowest free from 4.
 * Like socklab's kernels, its epollWait reports ready fds, not data. `keepsClosedFds` makes it
 * wrong on purpose: a closed fd stays in the interest lists, and is reported once open again.
 */
import { SocketError, type Kernel, type KernelEnv } from '../../../contract';
import { createToyKernel, TOY_FD } from '../../../testing/toy-kernel';

export function fakeEpollKernel(env: KernelEnv, { keepsClosedFds = false } = {}): Kernel {
  const toy = createToyKernel(env);
  /** By epoll fd: the events each registered fd asks for. */
  const interests = new Map<number, Map<number, number>>();
  const interestOf = (epfd: number): Map<number, number> => {
    const interest = interests.get(epfd);
    if (!interest) throw new SocketError('EBADF');
    return interest;
  };
  return {
    ...toy,
    epollCreate() {
      let epfd = TOY_FD + 1;
      while (interests.has(epfd)) epfd++;
      interests.set(epfd, new Map());
      return epfd;
    },
    epollCtl(epfd, op, fd, events) {
      const interest = interestOf(epfd);
      if (op === 'add' && interest.has(fd)) throw new SocketError('EEXIST');
      if (op !== 'add' && !interest.has(fd)) throw new SocketError('ENOENT');
      if (op === 'del') interest.delete(fd);
      else interest.set(fd, events);
    },
    epollWait(epfd, max) {
      const ready = [...interestOf(epfd)].map(([fd, events]) => ({ fd, events: toy.poll(fd) & events }));
      return ready.filter(({ events }) => events !== 0).slice(0, max);
    },
    close(fd) {
      if (interests.delete(fd)) return;
      toy.close(fd);
      if (!keepsClosedFds) for (const interest of interests.values()) interest.delete(fd);
    },
  };
}
