/**
 * A script's syscall as the Linux call the agent makes, and Linux's result as the script sees it:
 * fds translated both ways (fds.ts), data written as the script's payload pattern. epoll's data
 * is the script's own and crosses untranslated: Linux hands back what the script registered.
 */
import type { LinuxCall, LinuxResult } from '../../phy/tun/agent/protocol';
import type { SyscallOut, SyscallRequest, SyscallResult } from '../backend';
import type { ScriptFds } from './fds';
import { payload } from '../language/payload';

/** The Linux call for `request`. */
export function toLinuxCall(request: SyscallRequest, fds: ScriptFds): LinuxCall {
  const r = request;
  switch (r.name) {
    case 'socket':
      return { name: 'socket', kind: r.kind, ...(r.nonblocking ? { nonblocking: true } : {}) };
    case 'epoll_create':
      return { name: 'epoll_create' };
    case 'bind':
    case 'connect':
      return { name: r.name, fd: fds.agentFd(r.fd), addr: r.addr };
    case 'listen':
      return { name: 'listen', fd: fds.agentFd(r.fd), backlog: r.backlog };
    case 'accept':
      return { name: 'accept', fd: fds.agentFd(r.fd), ...(r.nonblocking ? { nonblocking: true } : {}) };
    case 'close':
      return { name: 'close', fd: fds.agentFd(r.fd) };
    case 'send':
      return { name: 'send', fd: fds.agentFd(r.fd), data: payload(r.count), ...dontWait(r.dontWait) };
    case 'sendto':
      return { name: 'sendto', fd: fds.agentFd(r.fd), data: payload(r.count), to: r.to, ...dontWait(r.dontWait) };
    case 'recv':
    case 'recvfrom':
      return { name: r.name, fd: fds.agentFd(r.fd), max: r.count, ...dontWait(r.dontWait) };
    case 'fcntl':
      return r.flags === undefined ? { name: 'getfl', fd: fds.agentFd(r.fd) } : { name: 'setfl', fd: fds.agentFd(r.fd), flags: r.flags };
    case 'setsockopt':
      return { name: 'setsockopt', fd: fds.agentFd(r.fd), option: r.option, value: r.value };
    case 'getsockopt':
      return { name: 'getsockopt', fd: fds.agentFd(r.fd), option: r.option };
    case 'tcp_info':
      return { name: 'tcp_info', fd: fds.agentFd(r.fd) };
    case 'shutdown':
      return { name: 'shutdown', fd: fds.agentFd(r.fd), how: r.how };
    case 'poll':
      return { name: 'poll', fds: r.fds.map(({ fd, events }) => ({ fd: fds.agentFd(fd), events })), timeoutMs: r.timeoutMs };
    case 'epoll_ctl':
      return { name: 'epoll_ctl', epfd: fds.agentFd(r.fd), op: r.op, fd: fds.agentFd(r.target), events: r.events, data: r.data };
    case 'epoll_wait':
      return { name: 'epoll_wait', epfd: fds.agentFd(r.fd), max: r.max, timeoutMs: r.timeoutMs };
  }
}

function dontWait(asked: boolean | undefined): { dontWait?: true } {
  return asked ? { dontWait: true } : {};
}

/** Linux's `result` of `request`, as the script reads it; keeps `fds` up to date. */
export function toScriptResult(request: SyscallRequest, result: LinuxResult, fds: ScriptFds): SyscallResult {
  if (!result.ok) return { ok: false, errno: result.errno };
  const done = (ret: number, out?: SyscallOut): SyscallResult => ({ ok: true, ret, ...(out ? { out } : {}) });
  switch (request.name) {
    case 'socket':
    case 'epoll_create':
      return done(fds.open(result.ret));
    case 'accept':
      return done(fds.open(result.ret), result.address && { address: result.address });
    case 'close':
      fds.close(request.fd);
      return done(result.ret);
    case 'recvfrom':
      return done(result.ret, result.address && { address: result.address });
    case 'getsockopt':
      return done(result.ret, result.optval === undefined ? undefined : { optval: result.optval });
    case 'tcp_info':
      return done(result.ret, result.tcpi && { tcpi: result.tcpi });
    case 'poll':
      return done(result.ret, result.revents && { revents: result.revents });
    case 'epoll_wait':
      return done(result.ret, { events: result.events ?? [] });
    default:
      return done(result.ret);
  }
}
