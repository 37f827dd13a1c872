/**
 * The C library calls the agent makes, through koffi (FFI: no compile step), and the constants
 * they take, with the values Linux gives them on x86-64 and arm64.
 *
 * A call made here runs on the calling thread; `.async` runs it on libuv's thread pool, which is
 * how a call that sleeps in the kernel (a blocking accept, recv, connect, poll) leaves the agent
 * free to move packets meanwhile. koffi keeps errno per call, so `errno()` in an async callback
 * is that call's.
 */
import type * as Koffi from 'koffi' with { 'resolution-mode': 'import' };

// koffi is CommonJS at run time (index.cjs) but declares its types as an ES module: the types
// come from the type-only import above, the module from require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const koffi = require('koffi') as typeof Koffi;

/** A C function returning an integer: call it here, or on the thread pool with a callback last. */
export interface CFunction {
  (...args: unknown[]): number;
  async(...argsThenCallback: unknown[]): void;
}

/** A variadic C function (`fcntl`, `ioctl`, `prctl`): each extra argument is a type name, then its value. */
export type VariadicFunction = (...args: unknown[]) => number;

const libc = koffi.load('libc.so.6');

function c(prototype: string): CFunction {
  return libc.func(prototype) as unknown as CFunction;
}

function variadic(prototype: string): VariadicFunction {
  return libc.func(prototype) as unknown as VariadicFunction;
}

// Pointers are `void *`: koffi passes a Buffer's or Uint8Array's memory itself, so what the
// kernel writes there (a sockaddr, a length, data read) is in the array afterwards.
export const libcCalls = {
  socket: c('int socket(int domain, int type, int protocol)'),
  bind: c('int bind(int fd, void *addr, uint32_t len)'),
  connect: c('int connect(int fd, void *addr, uint32_t len)'),
  listen: c('int listen(int fd, int backlog)'),
  accept4: c('int accept4(int fd, void *addr, void *len, int flags)'),
  send: c('long send(int fd, void *buf, unsigned long n, int flags)'),
  recv: c('long recv(int fd, void *buf, unsigned long n, int flags)'),
  sendto: c('long sendto(int fd, void *buf, unsigned long n, int flags, void *addr, uint32_t len)'),
  recvfrom: c('long recvfrom(int fd, void *buf, unsigned long n, int flags, void *addr, void *len)'),
  read: c('long read(int fd, void *buf, unsigned long n)'),
  write: c('long write(int fd, void *buf, unsigned long n)'),
  setsockopt: c('int setsockopt(int fd, int level, int name, void *value, uint32_t len)'),
  getsockopt: c('int getsockopt(int fd, int level, int name, void *value, void *len)'),
  getsockname: c('int getsockname(int fd, void *addr, void *len)'),
  shutdown: c('int shutdown(int fd, int how)'),
  close: c('int close(int fd)'),
  poll: c('int poll(void *fds, unsigned long n, int timeout)'),
  epollCreate1: c('int epoll_create1(int flags)'),
  epollCtl: c('int epoll_ctl(int epfd, int op, int fd, void *event)'),
  epollWait: c('int epoll_wait(int epfd, void *events, int max, int timeout)'),
  recvmsg: c('long recvmsg(int fd, void *msg, int flags)'),
  ifNametoindex: c('unsigned int if_nametoindex(const char *name)'),
  clockGettime: c('int clock_gettime(int clock, void *time)'),
  getppid: c('int getppid()'),
  fcntl: variadic('int fcntl(int fd, int cmd, ...)'),
  ioctl: variadic('int ioctl(int fd, unsigned long request, ...)'),
  prctl: variadic('int prctl(int option, ...)'),
};

/** errno after the last call this thread made through koffi (or in an async callback: that call's). */
export function errno(): number {
  return koffi.errno();
}

/** The address of an array's memory, to put in a C struct that points to it (the array must outlive its use). */
export function addressOf(array: Uint8Array): bigint {
  return koffi.address(array);
}

/** errno's names by number, as this platform's libc has them. */
export function errnoTable(): Readonly<Record<string, number>> {
  return koffi.os.errno;
}

/**
 * Watch `fd` for readability on Node's event loop (a libuv poll handle). Keep the returned handle:
 * koffi closes it when it is garbage-collected.
 */
export function watchReadable(fd: number, onReadable: () => void): object {
  return koffi.node.poll(fd, { readable: true }, () => onReadable());
}

export const AF_INET = 2;
export const AF_PACKET = 17;
export const CLOCK_REALTIME = 0;
export const SOCK_STREAM = 1;
export const SOCK_DGRAM = 2;
export const SOCK_CLOEXEC = 0o2000000;
export const SOCK_NONBLOCK = 0o4000;
export const F_GETFL = 3;
export const F_SETFL = 4;
export const O_NONBLOCK = 0o4000;
export const MSG_DONTWAIT = 0x40;
export const SOL_SOCKET = 1;
export const SO_TIMESTAMPNS = 35;
export const IPPROTO_TCP = 6;
export const POLLIN = 0x001;
export const POLLOUT = 0x004;
export const EPOLL_CLOEXEC = SOCK_CLOEXEC;
export const EPOLL_CTL = { add: 1, del: 2, mod: 3 } as const;
export const SHUT = { rd: 0, wr: 1, rdwr: 2 } as const;
/** `_IOW('T', 202, int)`: attach this open /dev/net/tun to an interface. */
export const TUNSETIFF = 0x400454ca;
export const IFF_TUN = 0x0001;
export const IFF_NO_PI = 0x1000;
export const PR_SET_PDEATHSIG = 1;
export const SIGKILL = 9;
/** `struct epoll_event` is packed on x86-64 (12 bytes) and naturally aligned elsewhere (16). */
export const EPOLL_EVENT_SIZE = process.arch === 'x64' ? 12 : 16;
export const EPOLL_DATA_OFFSET = process.arch === 'x64' ? 4 : 8;
