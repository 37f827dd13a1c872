/**
 * Every call path made once before the harness's clock starts: the first call through a path
 * costs milliseconds (compiling, koffi's first call of each function, libuv starting its thread
 * pool), which a script would feel as Linux being slow.
 */
import type { LinuxCall, LinuxResult } from './protocol';
import { runLinuxCall } from './call-runner';

/** Make each kind of call once: on fd -1 (EBADF at once), and a 1 ms poll that sleeps on the pool. */
export async function warmUp(): Promise<void> {
  const none = (): void => undefined;
  const socket: LinuxResult = await runLinuxCall({ name: 'socket', kind: 'udp' }, none);
  if (!socket.ok) throw new Error(`socket() fails in the namespace: ${socket.errno}`);
  const fd = socket.ret;
  const addr = { address: '0.0.0.0', port: 0 };
  const data = new Uint8Array(1);
  const calls: LinuxCall[] = [
    { name: 'poll', fds: [{ fd, events: 1 }], timeoutMs: 1 },
    { name: 'getfl', fd },
    { name: 'setfl', fd: -1, flags: 0 },
    { name: 'bind', fd: -1, addr },
    { name: 'connect', fd: -1, addr },
    { name: 'listen', fd: -1, backlog: 1 },
    { name: 'accept', fd: -1 },
    { name: 'send', fd: -1, data },
    { name: 'sendto', fd: -1, data, to: addr },
    { name: 'recv', fd: -1, max: 1 },
    { name: 'recvfrom', fd: -1, max: 1 },
    { name: 'setsockopt', fd: -1, option: 'SO_REUSEADDR', value: 1 },
    { name: 'getsockopt', fd: -1, option: 'SO_ERROR' },
    { name: 'getsockname', fd: -1 },
    { name: 'shutdown', fd: -1, how: 'rdwr' },
    { name: 'epoll_ctl', epfd: -1, op: 'add', fd, events: 1, data: 0n },
    { name: 'epoll_wait', epfd: -1, max: 1, timeoutMs: 0 },
    { name: 'close', fd },
  ];
  for (const call of calls) await runLinuxCall(call, none);
}
