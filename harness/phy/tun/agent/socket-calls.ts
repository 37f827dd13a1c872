/**
 * Each {@link LinuxCall} as the libc call a C program would make for it: its arguments laid out
 * in C structs (sockaddr_in, pollfd, epoll_event) and its out-values read back.
 */
import type { LinuxCall, LinuxResult } from './protocol';
import {
  AF_INET,
  EPOLL_CLOEXEC,
  EPOLL_CTL,
  EPOLL_DATA_OFFSET,
  EPOLL_EVENT_SIZE,
  libcCalls as libc,
  MSG_DONTWAIT,
  SHUT,
  SOCK_CLOEXEC,
  SOCK_DGRAM,
  SOCK_NONBLOCK,
  SOCK_STREAM,
} from './libc';
import { returned, type NativeCall } from './native-call';
import { decodeSockaddr, encodeSockaddr, SOCKADDR_IN_SIZE, sockaddrOut } from './sockaddr';
import { decodeOptionValue, encodeOptionValue, optionBuffer, optionNumbers } from './socket-options';
import { decodeTcpInfo, TCP_INFO, TCP_INFO_SIZE } from './tcp-info';

/** sizeof(struct pollfd). */
const POLLFD_SIZE = 8;

/** The calls that go through libc as one native call (fcntl, variadic, is made apart). */
export type NativeLinuxCall = Exclude<LinuxCall, { name: 'getfl' | 'setfl' }>;

/** How to make a call differently from what it says. */
export interface CallVariant {
  /** poll's and epoll_wait's timeout instead of the call's own. */
  readonly timeoutMs?: number;
  /** MSG_DONTWAIT on send, sendto, recv and recvfrom: fail with EAGAIN rather than sleep. */
  readonly dontWait?: boolean;
}

/** The native call for `call`. */
export function nativeCall(call: NativeLinuxCall, variant: CallVariant = {}): NativeCall {
  const flags = variant.dontWait || ('dontWait' in call && call.dontWait) ? MSG_DONTWAIT : 0;
  const nonblocking = 'nonblocking' in call && call.nonblocking ? SOCK_NONBLOCK : 0;
  const timeoutMs = variant.timeoutMs ?? ('timeoutMs' in call ? call.timeoutMs : 0);
  switch (call.name) {
    case 'socket':
      // CLOEXEC: the `ip` commands the agent runs must not inherit a socket.
      return { fn: libc.socket, args: [AF_INET, (call.kind === 'tcp' ? SOCK_STREAM : SOCK_DGRAM) | SOCK_CLOEXEC | nonblocking, 0], done: returned };
    case 'bind':
      return { fn: libc.bind, args: [call.fd, encodeSockaddr(call.addr), SOCKADDR_IN_SIZE], done: returned };
    case 'connect':
      return { fn: libc.connect, args: [call.fd, encodeSockaddr(call.addr), SOCKADDR_IN_SIZE], done: returned };
    case 'listen':
      return { fn: libc.listen, args: [call.fd, call.backlog], done: returned };
    case 'accept': {
      const out = sockaddrOut();
      return { fn: libc.accept4, args: [call.fd, out.addr, out.len, SOCK_CLOEXEC | nonblocking], done: (ret) => ({ ok: true, ret, address: decodeSockaddr(out.addr) }) };
    }
    case 'getsockname': {
      const out = sockaddrOut();
      return { fn: libc.getsockname, args: [call.fd, out.addr, out.len], done: (ret) => ({ ok: true, ret, address: decodeSockaddr(out.addr) }) };
    }
    case 'send':
      return { fn: libc.send, args: [call.fd, call.data, call.data.length, flags], done: returned };
    case 'sendto':
      return { fn: libc.sendto, args: [call.fd, call.data, call.data.length, flags, encodeSockaddr(call.to), SOCKADDR_IN_SIZE], done: returned };
    case 'recv': {
      const buffer = Buffer.alloc(call.max);
      return { fn: libc.recv, args: [call.fd, buffer, call.max, flags], done: (ret) => ({ ok: true, ret, data: new Uint8Array(buffer.subarray(0, ret)) }) };
    }
    case 'recvfrom': {
      const buffer = Buffer.alloc(call.max);
      const out = sockaddrOut();
      return {
        fn: libc.recvfrom,
        args: [call.fd, buffer, call.max, flags, out.addr, out.len],
        done: (ret) => ({ ok: true, ret, data: new Uint8Array(buffer.subarray(0, ret)), address: decodeSockaddr(out.addr) }),
      };
    }
    case 'setsockopt': {
      const { level, name } = optionNumbers(call.option);
      const value = encodeOptionValue(call.value);
      return { fn: libc.setsockopt, args: [call.fd, level, name, value, value.length], done: returned };
    }
    case 'getsockopt': {
      const { level, name } = optionNumbers(call.option);
      const value = optionBuffer(call.option);
      const len = Buffer.alloc(4);
      len.writeUInt32LE(value.length, 0);
      return {
        fn: libc.getsockopt,
        args: [call.fd, level, name, value, len],
        done: (ret) => ({ ok: true, ret, optval: decodeOptionValue(call.option, value, len.readUInt32LE(0)) }),
      };
    }
    case 'tcp_info': {
      const value = Buffer.alloc(TCP_INFO_SIZE);
      const len = Buffer.alloc(4);
      len.writeUInt32LE(value.length, 0);
      return {
        fn: libc.getsockopt,
        args: [call.fd, TCP_INFO.level, TCP_INFO.name, value, len],
        done: (ret) => ({ ok: true, ret, tcpi: decodeTcpInfo(value, len.readUInt32LE(0)) }),
      };
    }
    case 'shutdown':
      return { fn: libc.shutdown, args: [call.fd, SHUT[call.how]], done: returned };
    case 'close':
      return { fn: libc.close, args: [call.fd], done: returned };
    case 'poll':
      return pollCall(call.fds, timeoutMs);
    case 'epoll_create':
      return { fn: libc.epollCreate1, args: [EPOLL_CLOEXEC], done: returned };
    case 'epoll_ctl': {
      const event = Buffer.alloc(EPOLL_EVENT_SIZE);
      event.writeUInt32LE(call.events >>> 0, 0);
      event.writeBigUInt64LE(call.data, EPOLL_DATA_OFFSET);
      return { fn: libc.epollCtl, args: [call.epfd, EPOLL_CTL[call.op], call.fd, event], done: returned };
    }
    case 'epoll_wait': {
      const events = Buffer.alloc(EPOLL_EVENT_SIZE * Math.max(1, call.max));
      return {
        fn: libc.epollWait,
        args: [call.epfd, events, call.max, timeoutMs],
        done: (ret) => ({
          ok: true,
          ret,
          events: Array.from({ length: ret }, (_, i) => ({
            data: events.readBigUInt64LE(i * EPOLL_EVENT_SIZE + EPOLL_DATA_OFFSET),
            events: events.readUInt32LE(i * EPOLL_EVENT_SIZE),
          })),
        }),
      };
    }
  }
}

/** poll(2) on `fds`. */
export function pollCall(fds: readonly { readonly fd: number; readonly events: number }[], timeoutMs: number): NativeCall {
  const table = Buffer.alloc(POLLFD_SIZE * fds.length);
  fds.forEach(({ fd, events }, i) => {
    table.writeInt32LE(fd, i * POLLFD_SIZE);
    table.writeInt16LE(events, i * POLLFD_SIZE + 4);
  });
  const done = (ret: number): LinuxResult => ({ ok: true, ret, revents: fds.map((_, i) => table.readUInt16LE(i * POLLFD_SIZE + 6)) });
  return { fn: libc.poll, args: [table, fds.length, timeoutMs], done };
}
