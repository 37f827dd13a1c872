/**
 * The simulator backend gives each fd epoll_wait reports the data its line registered it with
 * (the kernel contract carries none), on a fake kernel with epoll (fake-epoll-kernel.ts).
 */
import { parseScript } from '../../language/parser';
import { formatFailure } from '../../runner/report';
import { runScript } from '../../runner/runner';
import { simBackend } from '../../simulator/backend';
import { fakeEpollKernel } from './fake-epoll-kernel';

/** Run a script on the fake; undefined when it passes, else the failure as the report prints it. */
async function run(source: string, options: { keepsClosedFds?: boolean } = {}): Promise<string | undefined> {
  const result = await runScript(parseScript(source, 'epoll.pkt'), { seed: 1, backend: simBackend((env) => fakeEpollKernel(env, options)) });
  return result.failure && formatFailure('epoll.pkt', result.failure);
}

const REGISTERED = `
0    socket(..., SOCK_DGRAM, IPPROTO_UDP) = 3
+0   epoll_create(1) = 4
+0   epoll_ctl(4, EPOLL_CTL_ADD, 3, {events=EPOLLIN, u64=0xfedcba9876543210}) = 0
`;

describe('epoll data on the simulator', () => {
  it('comes back as the last add or mod gave it; a failed call changes nothing; no data is the fd', async () => {
    const script = `${REGISTERED}
+0   epoll_wait(4, {events=0, ptr=0}, 1, 0) = 0
+.1  < udp (5)
+0   epoll_wait(4, {events=EPOLLIN, u64=0xfedcba9876543210}, 1, 0) = 1
+0   epoll_ctl(4, EPOLL_CTL_ADD, 3, {events=EPOLLIN, u32=1}) = -1 EEXIST
+0   epoll_wait(4, {events=EPOLLIN, u64=0xfedcba9876543210}, 1, 0) = 1
+0   epoll_ctl(4, EPOLL_CTL_MOD, 3, {events=EPOLLIN|EPOLLOUT, ptr=0x10}) = 0
+0   epoll_wait(4, {events=EPOLLIN|EPOLLOUT, ptr=0x10}, 1, 0) = 1
+0   epoll_ctl(4, EPOLL_CTL_MOD, 3, {events=EPOLLOUT}) = 0
+0   epoll_wait(4, {events=EPOLLOUT, fd=3}, 1, 0) = 1
+0   close(4) = 0
`;
    expect(await run(script)).toBeUndefined();
  });

  it('that differs is shown in the line\'s spelling', async () => {
    const failure = await run(`${REGISTERED}+.1  < udp (5)\n+0   epoll_wait(4, {events=EPOLLIN, ptr=0x10}, 1, 0) = 1\n`);
    expect(failure).toContain('epoll.pkt:6: epoll_wait did not return what the script expects');
    expect(failure).toContain('the events are [{events=EPOLLIN, ptr=0xfedcba9876543210}], expected [{events=EPOLLIN, ptr=0x10}]');
  });

  it('of a closed fd is forgotten: a kernel that still reports the fd shows its number', async () => {
    const script = `${REGISTERED}
+0   close(3) = 0
+0   socket(..., SOCK_DGRAM, IPPROTO_UDP) = 3
+.1  < udp (5)
+0   epoll_wait(4, {events=EPOLLIN, fd=3}, 1, 0) = 1
`;
    expect(await run(script, { keepsClosedFds: true })).toBeUndefined();
  });
});
