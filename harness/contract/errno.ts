/**
 * Errors a kernel reports to its caller, named as POSIX names them.
 *
 * A real kernel returns `-EAGAIN`, `-ECONNREFUSED`, ... from a syscall and libc turns that into
 * `errno`. Here a syscall throws a {@link SocketError} carrying the same name, so that a test can
 * say `expect(() => k.bind(fd, addr)).toThrow(SocketError)` and check `err.errno === 'EADDRINUSE'`.
 */

/**
 * The errno values socklab kernels use, with the numbers Linux gives them (x86-64 and arm64),
 * so that `getsockopt(fd, 'SO_ERROR')` can return the same number a Linux socket would.
 */
export const ERRNO_NUMBERS = {
  /** Operation not permitted. */
  EPERM: 1,
  /** No such file or directory. */
  ENOENT: 2,
  /** Interrupted system call. */
  EINTR: 4,
  /** Bad file descriptor: the fd is not open in this kernel. */
  EBADF: 9,
  /** Resource temporarily unavailable: the call would block (same number as EWOULDBLOCK). */
  EAGAIN: 11,
  /** File exists: e.g. `epollCtl('add')` of an fd that is already registered. */
  EEXIST: 17,
  /** Invalid argument. */
  EINVAL: 22,
  /** Too many open files. */
  EMFILE: 24,
  /** Broken pipe: writing to a connection whose sending side is shut down. */
  EPIPE: 32,
  /** Not a socket: a socket call on an fd that is not a socket (e.g. an epoll fd). */
  ENOTSOCK: 88,
  /** Destination address required: `send` on an unconnected datagram socket. */
  EDESTADDRREQ: 89,
  /** Message too long: the datagram does not fit in one IPv4 packet. */
  EMSGSIZE: 90,
  /** Protocol not available: unknown socket option. */
  ENOPROTOOPT: 92,
  /** Operation not supported on this kind of socket, e.g. `listen` on UDP. */
  EOPNOTSUPP: 95,
  /** Address family not supported. */
  EAFNOSUPPORT: 97,
  /** Address already in use. */
  EADDRINUSE: 98,
  /** Cannot assign requested address: the address is not this host's. */
  EADDRNOTAVAIL: 99,
  /** Network is unreachable. */
  ENETUNREACH: 101,
  /** Connection aborted, e.g. reset while waiting in the accept queue. */
  ECONNABORTED: 103,
  /** Connection reset by peer. */
  ECONNRESET: 104,
  /** No buffer space available. */
  ENOBUFS: 105,
  /** The socket is already connected. */
  EISCONN: 106,
  /** The socket is not connected. */
  ENOTCONN: 107,
  /** Connection timed out: retransmissions gave up. */
  ETIMEDOUT: 110,
  /** Connection refused: the peer answered with RST, or ICMP port unreachable. */
  ECONNREFUSED: 111,
  /** No route to host. */
  EHOSTUNREACH: 113,
  /** A connect is already in progress on this nonblocking socket. */
  EALREADY: 114,
  /** Operation now in progress: a nonblocking `connect` has started the handshake. */
  EINPROGRESS: 115,
} as const;

/** A POSIX errno name, e.g. `'EAGAIN'`. */
export type Errno = keyof typeof ERRNO_NUMBERS;

/** The Linux errno number for a name: `errnoNumber('ECONNREFUSED') === 111`. */
export function errnoNumber(name: Errno): number {
  return ERRNO_NUMBERS[name];
}

/** The errno name for a Linux errno number, or undefined for a number socklab does not use. */
export function errnoName(n: number): Errno | undefined {
  for (const [name, value] of Object.entries(ERRNO_NUMBERS)) {
    if (value === n) return name as Errno;
  }
  return undefined;
}

/** True when `name` is one of the errno names socklab uses. */
export function isErrno(name: string): name is Errno {
  return Object.prototype.hasOwnProperty.call(ERRNO_NUMBERS, name);
}

/**
 * What a syscall throws where a C syscall would return -1 and set errno.
 *
 * Throw it with the name and, if you like, a sentence for whoever reads the failure:
 * `throw new SocketError('EADDRINUSE', 'port 7 is bound by fd 3')`.
 */
export class SocketError extends Error {
  /** The POSIX name of the error. */
  readonly errno: Errno;
  /** Why, in words, when the thrower said. */
  readonly detail: string | undefined;

  constructor(errno: Errno, detail?: string) {
    // EAGAIN is how a nonblocking call says "not now", thousands of times in a transfer: an
    // answer, not a fault, and capturing the stack cost more than the call. Other errors keep it.
    const stackTraceLimit = Error.stackTraceLimit;
    if (errno === 'EAGAIN') Error.stackTraceLimit = 0;
    super(detail ? `${errno}: ${detail}` : errno);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = 'SocketError';
    this.errno = errno;
    this.detail = detail;
  }
}

/** Whether `error` is a {@link SocketError} of one of `errnos` (of any errno when none is given). */
export function isSocketError(error: unknown, ...errnos: Errno[]): error is SocketError {
  return error instanceof SocketError && (errnos.length === 0 || errnos.includes(error.errno));
}

/**
 * What the starter throws where a milestone's code is still to be written.
 * The harness reports it as "not implemented (m1: compute the Internet checksum)".
 */
export class NotImplemented extends Error {
  /** The milestone whose code is missing, e.g. `'m1'`. */
  readonly milestone: string;
  /** What is to be implemented, in the handout's words. */
  readonly what: string;

  constructor(milestone: string, what: string) {
    super(`not implemented (${milestone}: ${what})`);
    this.name = 'NotImplemented';
    this.milestone = milestone;
    this.what = what;
  }
}
