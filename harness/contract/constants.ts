/**
 * Numbers and names shared by every kernel and the harness. The readiness bits have the values
 * Linux gives them in `<sys/epoll.h>`, so a mask printed in a failure means the same as on Linux.
 */

/** Readable: data, a datagram, a pending connection on a listener, or end of file. */
export const EPOLLIN = 0x001;
/** Urgent data (never set by socklab kernels; listed so masks print like Linux's). */
export const EPOLLPRI = 0x002;
/** Writable: there is room in the send buffer, or a connect has completed. */
export const EPOLLOUT = 0x004;
/** An error is pending on the socket; `getsockopt(fd, 'SO_ERROR')` reads and clears it. */
export const EPOLLERR = 0x008;
/** Hung up: both directions are closed (or the connection failed). Always reported by epoll. */
export const EPOLLHUP = 0x010;
/** The peer has shut down its sending side (a FIN arrived): reads will return EOF. */
export const EPOLLRDHUP = 0x2000;
/** epollCtl flag: report the fd once, then disable it until `epollCtl('mod')` re-arms it. */
export const EPOLLONESHOT = 0x40000000;
/**
 * epollCtl flag: edge-triggered. Report a readiness only when it newly appears, not while it
 * lasts. (Bit 31: in JavaScript test it with `(events & EPOLLET) !== 0`, never `> 0`.)
 */
export const EPOLLET = 0x80000000;

/** The readiness bits a socket can report (as opposed to the registration flags). */
export const EPOLL_EVENT_BITS = EPOLLIN | EPOLLPRI | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLRDHUP;

/** Names of the readiness bits, for printing a mask: `formatEvents(5) === 'EPOLLIN|EPOLLOUT'`. */
const EVENT_NAMES: ReadonlyArray<readonly [number, string]> = [
  [EPOLLIN, 'EPOLLIN'],
  [EPOLLPRI, 'EPOLLPRI'],
  [EPOLLOUT, 'EPOLLOUT'],
  [EPOLLERR, 'EPOLLERR'],
  [EPOLLHUP, 'EPOLLHUP'],
  [EPOLLRDHUP, 'EPOLLRDHUP'],
  [EPOLLONESHOT, 'EPOLLONESHOT'],
  [EPOLLET, 'EPOLLET'],
];

/** A readiness mask as Linux's names joined with `|`; `'0'` when no bit is set. */
export function formatEvents(mask: number): string {
  const names = EVENT_NAMES.filter(([bit]) => (mask & bit) !== 0).map(([, name]) => name);
  return names.length > 0 ? names.join('|') : '0';
}

/** The operation of `epollCtl`: register an fd, change its events, or remove it. */
export type EpollOp = 'add' | 'mod' | 'del';

/** Which direction `shutdown` closes: receiving, sending, or both (SHUT_RD, SHUT_WR, SHUT_RDWR). */
export type ShutdownHow = 'rd' | 'wr' | 'rdwr';

/** The kind of socket: a datagram socket (UDP) or a stream socket (TCP). */
export type SocketKind = 'udp' | 'tcp';

/**
 * Socket options and the type of each one's value. Unknown names throw `ENOPROTOOPT`.
 *
 * - `SO_REUSEADDR`: allow `bind` to a local port that a connection in TIME_WAIT still holds.
 * - `SO_ERROR`: read-only; the pending error as a Linux errno number (0 when none), cleared by reading.
 * - `SO_RCVBUF` / `SO_SNDBUF`: receive and send buffer sizes in bytes.
 * - `TCP_NODELAY`: true turns Nagle's algorithm off.
 * - `TCP_MAXSEG`: the MSS this socket announces and uses (bytes of payload per segment).
 * - `TCP_CONGESTION`: the congestion-control algorithm, `'reno'` (default) or `'cubic'`.
 */
export interface SocketOptions {
  SO_REUSEADDR: boolean;
  SO_ERROR: number;
  SO_RCVBUF: number;
  SO_SNDBUF: number;
  TCP_NODELAY: boolean;
  TCP_MAXSEG: number;
  TCP_CONGESTION: string;
}

/** The name of a socket option. */
export type SocketOption = keyof SocketOptions;

/** The range ephemeral (automatically chosen) ports come from, as IANA suggests (RFC 6335). */
export const EPHEMERAL_PORT_MIN = 49152;
/** The highest ephemeral port. */
export const EPHEMERAL_PORT_MAX = 65535;

/** The lowest fd a kernel hands out; 0–2 stand for stdin, stdout and stderr, as in a process. */
export const FIRST_FD = 3;

/** The wildcard address: `bind` to it to receive on every address of the host. */
export const INADDR_ANY = '0.0.0.0';

/** The MTU of a link unless a test says otherwise (Ethernet's). */
export const DEFAULT_MTU = 1500;
