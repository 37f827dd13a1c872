/**
 * The ready list: epoll_wait returns the sockets that are ready, at most maxevents of them, and
 * over successive waits every ready socket gets its turn (epoll(7): level-triggered sockets that
 * stay ready go to the back of the list, so that none starves; a socket waiting its turn keeps
 * its place when more data comes for it).
 */
import { EPOLLIN, type Fd } from '../../../../harness/contract';
import { netTest, type NetTest } from '../../../../harness/testkit';
import { datagramLab, type DatagramLab } from '../support/datagram-lab';
import { readyNow, reportedFds, watching } from '../support/epoll-lab';

/** The first of a run of ports the tests bind. */
const FIRST_PORT = 7000;

/** `count` sockets bound to ports from FIRST_PORT on, all in one epoll instance for EPOLLIN. */
async function watchedSockets(t: NetTest, count: number): Promise<{ lab: DatagramLab; fds: Fd[]; ep: Fd }> {
  const lab = await datagramLab(t);
  const fds: Fd[] = [];
  for (let i = 0; i < count; i++) fds.push(await lab.socket(FIRST_PORT + i));
  return { lab, fds, ep: await watching(lab.sys, fds, EPOLLIN) };
}

/** The same, and a datagram for each: all of them ready. */
async function allReady(t: NetTest, count: number): Promise<{ lab: DatagramLab; fds: Fd[]; ep: Fd }> {
  const watched = await watchedSockets(t, count);
  for (let i = 0; i < count; i++) await watched.lab.deliver(FIRST_PORT + i);
  return watched;
}

describe('the ready list', () => {
  netTest('with 1,000 sockets registered and one ready, reports that one alone', async (t) => {
    const { lab, fds, ep } = await watchedSockets(t, 1000);
    await lab.deliver(FIRST_PORT + 617);
    expect(await readyNow(lab.sys, ep, 1000)).toEqual([`fd ${fds[617]}: EPOLLIN`]);
  });

  netTest('with more sockets ready than maxevents, each wait returns maxevents, and all are reported before any twice', async (t) => {
    const { lab, fds, ep } = await allReady(t, 10);
    const rounds = [await reportedFds(lab.sys, ep, 4), await reportedFds(lab.sys, ep, 4), await reportedFds(lab.sys, ep, 2)];
    expect(rounds.map((round) => round.length)).toEqual([4, 4, 2]);
    expect(rounds.flat().sort((a, b) => a - b)).toEqual(fds);
    // The next wait starts the round again.
    expect(new Set([...(await reportedFds(lab.sys, ep, 4)), ...rounds[0]!]).size).toBe(4);
  });

  netTest('with more sockets ready than maxevents, one that receives again while it waits its turn keeps its place', async (t) => {
    const { lab, fds, ep } = await allReady(t, 10);
    const first = await reportedFds(lab.sys, ep, 4);
    // More for each socket still waiting its turn: a wakeup does not move it back.
    for (let i = 0; i < 10; i++) if (!first.includes(fds[i]!)) await lab.deliver(FIRST_PORT + i);
    const rounds = [first, await reportedFds(lab.sys, ep, 4), await reportedFds(lab.sys, ep, 2)];
    expect(rounds.flat().sort((a, b) => a - b)).toEqual(fds);
  });

  netTest('a socket read since it became ready is neither reported nor counted toward maxevents', async (t) => {
    const { lab, fds, ep } = await allReady(t, 3);
    await lab.sys.recvfrom(fds[0]!, 100);
    await lab.sys.recvfrom(fds[1]!, 100);
    expect(await reportedFds(lab.sys, ep, 1)).toEqual([fds[2]]);
  });

  netTest('a socket that is ready again after it was read is reported again', async (t) => {
    const lab = await datagramLab(t);
    const fd = await lab.socket(FIRST_PORT);
    const ep = await watching(lab.sys, [fd], EPOLLIN);
    await lab.deliver(FIRST_PORT);
    await lab.sys.recvfrom(fd, 100);
    expect(await readyNow(lab.sys, ep)).toEqual([]);
    await lab.deliver(FIRST_PORT);
    expect(await readyNow(lab.sys, ep)).toEqual([`fd ${fd}: EPOLLIN`]);
  });
});
