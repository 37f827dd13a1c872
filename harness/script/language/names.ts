/**
 * The C names a script may use in syscall arguments (and ICMP codes in packet lines), with
 * Linux's values, so that a script reads like the C it stands for and means the same on Linux.
 */
import { EPOLLERR, EPOLLET, EPOLLHUP, EPOLLIN, EPOLLONESHOT, EPOLLOUT, EPOLLPRI, EPOLLRDHUP, type SocketOption } from '../../contract';

/** fcntl's commands (`<fcntl.h>`). */
export const FCNTL_COMMANDS = { F_GETFL: 'F_GETFL', F_SETFL: 'F_SETFL' } as const;
/** The O_NONBLOCK file status flag. */
export const O_NONBLOCK = 0x800;
/** What F_GETFL reports for a socket besides O_NONBLOCK: it is open for reading and writing. */
export const O_RDWR = 2;
/** File status flags by name. */
export const O_FLAGS: Readonly<Record<string, number>> = { O_RDONLY: 0, O_WRONLY: 1, O_RDWR, O_NONBLOCK };

/**
 * The flags socket(2)'s type and accept4(2) take (`<sys/socket.h>`): SOCK_NONBLOCK opens the new fd
 * with O_NONBLOCK; SOCK_CLOEXEC means nothing to a script, which runs no program.
 */
export const SOCK_NONBLOCK = O_NONBLOCK;
export const SOCK_FLAGS: Readonly<Record<string, number>> = { SOCK_NONBLOCK, SOCK_CLOEXEC: 0o2000000 };

/**
 * The flags send(2) and recv(2) take that a script may give: MSG_DONTWAIT makes this one call
 * nonblocking; MSG_NOSIGNAL changes nothing a script sees (it is about SIGPIPE, and a broken pipe
 * still fails with EPIPE).
 */
export const MSG_DONTWAIT = 0x40;
export const MSG_FLAGS: Readonly<Record<string, number>> = { MSG_DONTWAIT, MSG_NOSIGNAL: 0x4000 };

/** poll's "not an open fd" bit, reported in revents. */
export const POLLNVAL = 0x020;
/** poll's event bits (`<poll.h>`): the same values as the EPOLL bits. */
export const POLL_BITS: Readonly<Record<string, number>> = {
  POLLIN: EPOLLIN,
  POLLPRI: EPOLLPRI,
  POLLOUT: EPOLLOUT,
  POLLERR: EPOLLERR,
  POLLHUP: EPOLLHUP,
  POLLNVAL,
  POLLRDHUP: EPOLLRDHUP,
};

/** epoll's event bits and flags (`<sys/epoll.h>`). */
export const EPOLL_BITS: Readonly<Record<string, number>> = {
  EPOLLIN,
  EPOLLPRI,
  EPOLLOUT,
  EPOLLERR,
  EPOLLHUP,
  EPOLLRDHUP,
  EPOLLONESHOT,
  EPOLLET,
};

/** epoll_ctl's operations. */
export const EPOLL_OPS = { EPOLL_CTL_ADD: 'add', EPOLL_CTL_MOD: 'mod', EPOLL_CTL_DEL: 'del' } as const;

/** shutdown's `how`. */
export const SHUTDOWN_HOW = { SHUT_RD: 'rd', SHUT_WR: 'wr', SHUT_RDWR: 'rdwr' } as const;

/** Socket option names by level, and how their values are written. */
export const SOCKET_OPTIONS: Readonly<Record<SocketOption, { readonly level: 'SOL_SOCKET' | 'IPPROTO_TCP'; readonly value: 'int' | 'string' }>> = {
  SO_REUSEADDR: { level: 'SOL_SOCKET', value: 'int' },
  SO_ERROR: { level: 'SOL_SOCKET', value: 'int' },
  SO_RCVBUF: { level: 'SOL_SOCKET', value: 'int' },
  SO_SNDBUF: { level: 'SOL_SOCKET', value: 'int' },
  TCP_NODELAY: { level: 'IPPROTO_TCP', value: 'int' },
  TCP_MAXSEG: { level: 'IPPROTO_TCP', value: 'int' },
  TCP_CONGESTION: { level: 'IPPROTO_TCP', value: 'string' },
};

/** Options whose value is on/off: a socklab kernel takes a boolean, Linux an int. */
export const FLAG_OPTIONS: ReadonlySet<SocketOption> = new Set<SocketOption>(['SO_REUSEADDR', 'TCP_NODELAY']);

/** ICMP destination-unreachable codes by the names scripts use (RFC 792). */
export const UNREACHABLE_CODES: Readonly<Record<string, number>> = {
  net_unreachable: 0,
  host_unreachable: 1,
  protocol_unreachable: 2,
  port_unreachable: 3,
};

/** Socket option levels; SOL_TCP is Linux's other name for IPPROTO_TCP. */
export const LEVELS: Readonly<Record<string, 'SOL_SOCKET' | 'IPPROTO_TCP'>> = {
  SOL_SOCKET: 'SOL_SOCKET',
  IPPROTO_TCP: 'IPPROTO_TCP',
  SOL_TCP: 'IPPROTO_TCP',
};
