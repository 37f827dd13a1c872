/**
 * KERNEL(7) — the contract every socklab stack implements
 *
 * A socklab kernel is the inside of an operating system's network stack, written as a
 * sans-I/O, synchronous state machine. It never reads a clock, never sets a timer, never opens a
 * socket of its host. Everything it sees comes in through two doors:
 *
 * - the **link side**: `receive(packet)` hands it one IPv4 packet; `tick()` tells it that the time
 *   it asked for with `nextDeadline()` has come;
 * - the **syscall side**: `socket`, `bind`, `sendto`, `recv`, ... called by programs.
 *
 * and everything it does goes out through its {@link KernelEnv}: `transmit(packet)`. Because of
 * that, the same kernel runs on the harness's simulator in virtual time (fast, deterministic:
 * the same seed gives the same run, byte for byte) and over a TUN device against Linux in real time.
 *
 * ## Blocking
 * No call ever waits. Where a blocking syscall would sleep, the kernel throws
 * `SocketError('EAGAIN')` (a TCP `connect` throws `'EINPROGRESS'`), exactly as a nonblocking
 * socket does on Linux. The harness's runtime turns that into a blocking call for programs: it
 * retries when the kernel's state may have changed (a packet arrived, a timer fired).
 *
 * ## Errors
 * A syscall that fails throws {@link SocketError} with the POSIX errno name (`EBADF` for an fd
 * that is not open, `EINVAL` for a bad argument, ...). `receive` and `tick` never throw: a
 * malformed packet is dropped and counted in {@link Counters}.
 */
import type { EpollOp, ShutdownHow, SocketKind, SocketOption, SocketOptions } from './constants';
import type { AcceptResult, Counters, EpollEvent, Fd, RecvFromResult, SockAddr, TcpInfo } from './types';

/** What the outside world offers a kernel. The harness builds one per host. */
export interface KernelEnv {
  /** This host's IPv4 address, e.g. `'10.0.0.2'`. */
  readonly address: string;
  /** The largest IPv4 packet (header included) the link carries, in bytes: 1500 unless a test says. */
  readonly mtu: number;
  /**
   * The current time in milliseconds (may have a fractional part). Virtual in the simulator,
   * the wall clock over TUN. Never goes backwards.
   */
  now(): number;
  /**
   * A random number in [0, 1), from the harness's seeded generator. Use it for everything random
   * (initial sequence numbers, ephemeral ports) and never `Math.random()`: a failing test must be
   * reproducible from its seed.
   */
  random(): number;
  /** Hand one complete IPv4 packet (header, checksum and all) to the link. */
  transmit(packet: Uint8Array): void;
}

/** A network stack, seen from the link below and from the programs above. */
export interface Kernel {
  // ---- link side -------------------------------------------------------------------------------

  /**
   * One IPv4 packet from the link. The kernel demultiplexes it to a socket, answers it (ICMP,
   * RST), or drops it. Never throws: malformed packets are dropped and counted.
   * The array belongs to the kernel afterwards; the harness never reuses it.
   */
  receive(packet: Uint8Array): void;

  /**
   * The earliest time (absolute ms, as `env.now()`) at which the kernel needs `tick()`, or
   * undefined when no timer is pending. The harness asks after every call into the kernel.
   */
  nextDeadline(): number | undefined;

  /** Called when `env.now()` has reached `nextDeadline()`: fire every timer that is due. */
  tick(): void;

  // ---- syscall side: sockets -------------------------------------------------------------------

  /** Create a socket and return the lowest free fd (3 for the first one). */
  socket(kind: SocketKind): Fd;

  /**
   * Give the socket a local address. Port 0 picks a free ephemeral port (49152–65535).
   * `EADDRINUSE` if another socket holds the address (see `SO_REUSEADDR`), `EADDRNOTAVAIL` if
   * the address is neither this host's nor `0.0.0.0`, `EINVAL` if the socket is already bound.
   */
  bind(fd: Fd, addr: SockAddr): void;

  /**
   * UDP: set the default destination and accept datagrams only from it; returns at once.
   * TCP: start the three-way handshake and throw `EINPROGRESS`; completion shows as EPOLLOUT
   * (success) or EPOLLERR with `SO_ERROR` set (failure). An unbound socket is bound to an
   * ephemeral port first.
   */
  connect(fd: Fd, addr: SockAddr): void;

  /** TCP: accept connections on this bound socket; `backlog` bounds the accept queue. */
  listen(fd: Fd, backlog: number): void;

  /** TCP: take one established connection from a listener's queue; `EAGAIN` when it is empty. */
  accept(fd: Fd): AcceptResult;

  /**
   * Send on a connected socket. TCP: copy as much of `data` as fits in the send buffer and
   * return how much was taken (`EAGAIN` if none fits, `EPIPE` after shutdown of sending).
   * UDP: send one datagram to the connected peer (`EDESTADDRREQ` when not connected).
   */
  send(fd: Fd, data: Uint8Array): number;

  /**
   * Receive from a connected socket. TCP: up to `max` bytes of the stream; an empty array means
   * end of file (the peer sent FIN); `EAGAIN` when nothing is there yet. UDP: the next datagram,
   * cut to `max` bytes.
   */
  recv(fd: Fd, max: number): Uint8Array;

  /** UDP: send `data` as one datagram to `to`; returns its length (`EMSGSIZE` if it cannot fit). */
  sendto(fd: Fd, data: Uint8Array, to: SockAddr): number;

  /** UDP: take the next datagram: up to `max` bytes of it, its sender, and whether it was cut. */
  recvfrom(fd: Fd, max: number): RecvFromResult;

  /** TCP: close one or both directions of the connection; 'wr' sends FIN after queued data. */
  shutdown(fd: Fd, how: ShutdownHow): void;

  /** Release the fd. TCP: an orderly close (FIN), or RST if unread data is discarded. */
  close(fd: Fd): void;

  /** Set a socket option; `ENOPROTOOPT` for an unknown one, `EINVAL` for a bad value. */
  setsockopt<K extends SocketOption>(fd: Fd, name: K, value: SocketOptions[K]): void;

  /** Read a socket option; reading `SO_ERROR` clears the pending error. */
  getsockopt<K extends SocketOption>(fd: Fd, name: K): SocketOptions[K];

  /** The socket's local address (after bind or an automatic bind). */
  getsockname(fd: Fd): SockAddr;

  /** The connected peer's address; `ENOTCONN` if not connected. */
  getpeername(fd: Fd): SockAddr;

  /** The socket's readiness now, as a mask of EPOLLIN, EPOLLOUT, EPOLLERR, EPOLLHUP, EPOLLRDHUP. */
  poll(fd: Fd): number;

  // ---- syscall side: epoll ---------------------------------------------------------------------

  /** Create an epoll instance; it takes an fd like a socket does. */
  epollCreate(): Fd;

  /**
   * Register (`'add'`), change (`'mod'`) or remove (`'del'`) `fd` in the interest list of `epfd`.
   * `events` is a mask of readiness bits plus EPOLLET and EPOLLONESHOT.
   * `EEXIST` on adding twice, `ENOENT` on changing or removing what is not registered.
   */
  epollCtl(epfd: Fd, op: EpollOp, fd: Fd, events: number): void;

  /** The ready fds of the interest list, at most `max`; empty when none is ready (never waits). */
  epollWait(epfd: Fd, max: number): EpollEvent[];

  // ---- introspection ---------------------------------------------------------------------------

  /** TCP: the connection's internals (state, sequence numbers, windows, timers). */
  tcpInfo(fd: Fd): TcpInfo;

  /** The kernel's counters (a snapshot). */
  counters(): Counters;
}

/** The one export of a submission: build a kernel for a host. */
export type CreateKernel = (env: KernelEnv) => Kernel;

/** The names of the Kernel's methods, for ports that forward calls by name. */
export type KernelMethod = {
  [K in keyof Kernel]: Kernel[K] extends (...args: never[]) => unknown ? K : never;
}[keyof Kernel];

/** The syscall side: every method a program may call (the link side is the harness's). */
export type Syscall = Exclude<KernelMethod, 'receive' | 'nextDeadline' | 'tick'>;
