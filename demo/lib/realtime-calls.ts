/**
 * The event loop's calls (temperature-loop.ts) on a stack over TUN, driven on the wall clock
 * (harness/phy/tun/realtime-host.ts). Each is the kernel's own call, which never waits, so
 * O_NONBLOCK has nothing to change; only epoll_wait waits.
 */
import { WAIT_FOREVER } from '../../harness/runtime';
import type { RealtimeHost } from '../../harness/phy/tun/realtime-host';
import type { EventLoopCalls } from './temperature-loop';

export function realtimeCalls(host: RealtimeHost): EventLoopCalls {
  return {
    socket: (kind) => host.call('socket', kind),
    bind: (fd, addr) => host.call('bind', fd, addr),
    listen: (fd, backlog) => host.call('listen', fd, backlog),
    fcntl: () => undefined,
    accept: (fd) => host.call('accept', fd),
    recv: (fd, max) => host.call('recv', fd, max),
    send: (fd, data) => host.call('send', fd, data),
    close: (fd) => host.call('close', fd),
    epollCreate: () => host.call('epollCreate'),
    epollCtl: (ep, op, fd, events) => host.call('epollCtl', ep, op, fd, events),
    epollWait: (ep, max, timeoutMs) => host.epollWait(ep, max, timeoutMs === WAIT_FOREVER ? Infinity : timeoutMs),
  };
}
