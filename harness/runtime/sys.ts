/**
 * The process view of a kernel: the syscalls a program makes, blocking by default, as in C.
 *
 * A kernel's calls never wait; they throw EAGAIN (or EINPROGRESS for connect). `Sys` turns that
 * into blocking calls the way a real kernel's wait queues do: a call that would block sleeps until
 * something on its host changed (a packet arrived, a timer fired, another program made a call),
 * then tries again. Virtual time passes only while every program sleeps, so a blocking read in a
 * simulator test costs nothing in real time. `fcntl(fd, 'O_NONBLOCK')` makes an fd's calls throw
 * EAGAIN instead, as on Linux.
 */
import {
  EPOLLERR,
  EPOLLHUP,
  EPOLLOUT,
  SocketError,
  errnoName,
  isSocketError,
  type AcceptResult,
  type Counters,
  type EpollEvent,
  type EpollOp,
  type Fd,
  type RecvFromResult,
  type ShutdownHow,
  type SockAddr,
  type SocketKind,
  type SocketOption,
  type SocketOptions,
  type TcpInfo,
} from '../contract';
import { describeCall } from '../port';
import type { Host } from '../sim/host';
import { checkedEpollEvents } from './epoll-reply';
import { Wait } from './wait';

/** `epollWait` timeout meaning "wait until something is ready". */
export const WAIT_FOREVER = -1;

export class Sys {
  private readonly nonblocking = new Set<Fd>();

  constructor(readonly host: Host) {}

  // ---- calls that never block ------------------------------------------------------------------

  socket(kind: SocketKind): Promise<Fd> {
    return this.host.syscall('socket', kind);
  }

  bind(fd: Fd, addr: SockAddr): Promise<void> {
    return this.host.syscall('bind', fd, addr);
  }

  listen(fd: Fd, backlog: number): Promise<void> {
    return this.host.syscall('listen', fd, backlog);
  }

  shutdown(fd: Fd, how: ShutdownHow): Promise<void> {
    return this.host.syscall('shutdown', fd, how);
  }

  async close(fd: Fd): Promise<void> {
    await this.host.syscall('close', fd);
    this.nonblocking.delete(fd);
  }

  setsockopt<K extends SocketOption>(fd: Fd, name: K, value: SocketOptions[K]): Promise<void> {
    return this.host.syscall('setsockopt', fd, name, value);
  }

  getsockopt<K extends SocketOption>(fd: Fd, name: K): Promise<SocketOptions[K]> {
    return this.host.syscall('getsockopt', fd, name) as Promise<SocketOptions[K]>;
  }

  getsockname(fd: Fd): Promise<SockAddr> {
    return this.host.syscall('getsockname', fd);
  }

  getpeername(fd: Fd): Promise<SockAddr> {
    return this.host.syscall('getpeername', fd);
  }

  poll(fd: Fd): Promise<number> {
    return this.host.syscall('poll', fd);
  }

  epollCreate(): Promise<Fd> {
    return this.host.syscall('epollCreate');
  }

  epollCtl(epfd: Fd, op: EpollOp, fd: Fd, events: number): Promise<void> {
    return this.host.syscall('epollCtl', epfd, op, fd, events);
  }

  tcpInfo(fd: Fd): Promise<TcpInfo> {
    return this.host.syscall('tcpInfo', fd);
  }

  counters(): Promise<Counters> {
    return this.host.syscall('counters');
  }

  /** Set or clear O_NONBLOCK on an fd: its calls then throw EAGAIN instead of waiting. */
  fcntl(fd: Fd, flag: 'O_NONBLOCK', on = true): void {
    if (flag !== 'O_NONBLOCK') throw new SocketError('EINVAL', `fcntl flag ${String(flag)}`);
    if (on) this.nonblocking.add(fd);
    else this.nonblocking.delete(fd);
  }

  // ---- calls that may block --------------------------------------------------------------------

  /**
   * Connect. UDP returns at once. TCP waits for the handshake to finish and throws the
   * connection's error (ECONNREFUSED, ETIMEDOUT, ...) if it fails; with O_NONBLOCK it throws
   * EINPROGRESS, and completion shows as EPOLLOUT (poll it, then read SO_ERROR).
   */
  async connect(fd: Fd, addr: SockAddr): Promise<void> {
    try {
      await this.host.syscall('connect', fd, addr);
      return;
    } catch (error) {
      if (!isSocketError(error, 'EINPROGRESS') || this.nonblocking.has(fd)) throw error;
    }
    await this.waitUntil(describeCall('connect', [fd, addr]), async () => ((await this.poll(fd)) & (EPOLLOUT | EPOLLERR | EPOLLHUP)) !== 0);
    const pending = await this.getsockopt(fd, 'SO_ERROR');
    if (pending !== 0) throw new SocketError(errnoName(pending) ?? 'EINVAL', `connect failed with errno ${pending}`);
  }

  /** Take one connection from a listener, waiting for one to arrive. */
  accept(fd: Fd): Promise<AcceptResult> {
    return this.retry(fd, describeCall('accept', [fd]), () => this.host.syscall('accept', fd));
  }

  /**
   * Send all of `data` (TCP waits for room in the send buffer as often as needed; UDP sends one
   * datagram). With O_NONBLOCK, one attempt: returns how much was taken, or throws EAGAIN.
   */
  async send(fd: Fd, data: Uint8Array): Promise<number> {
    if (this.nonblocking.has(fd)) return this.host.syscall('send', fd, data);
    let sent = 0;
    let wait: Wait | undefined;
    for (;;) {
      const seen = this.host.activity.version;
      // The kernel is asked again with what is left until it takes it all or its buffer is full.
      const attempt = await this.host.repeatSend(fd, data.subarray(sent));
      sent += attempt.sent;
      if (!(sent < data.length)) return sent;
      if (!attempt.blocked) continue;
      // A wait begins where the last bytes were taken: a deadlock counts its drops from there.
      if (attempt.sent > 0 || !wait) wait = new Wait(this.host, describeCall('send', [fd, data.subarray(sent)]));
      // Taking bytes notified the host's activity, once; a call that took none did not.
      await wait.sleep(seen, attempt.sent > 0 ? 1 : 0);
    }
  }

  /** Receive up to `max` bytes, waiting until some arrive; an empty array means end of file. */
  recv(fd: Fd, max: number): Promise<Uint8Array> {
    return this.retry(fd, describeCall('recv', [fd, max]), () => this.host.syscall('recv', fd, max));
  }

  /** `write` as POSIX names it: the same as {@link send}. */
  write(fd: Fd, data: Uint8Array): Promise<number> {
    return this.send(fd, data);
  }

  /** `read` as POSIX names it: the same as {@link recv}. */
  read(fd: Fd, max: number): Promise<Uint8Array> {
    return this.recv(fd, max);
  }

  /** Send one datagram to `to`. */
  sendto(fd: Fd, data: Uint8Array, to: SockAddr): Promise<number> {
    return this.retry(fd, describeCall('sendto', [fd, data, to]), () => this.host.syscall('sendto', fd, data, to));
  }

  /** Receive one datagram, waiting until one arrives. */
  recvfrom(fd: Fd, max: number): Promise<RecvFromResult> {
    return this.retry(fd, describeCall('recvfrom', [fd, max]), () => this.host.syscall('recvfrom', fd, max));
  }

  /**
   * Wait until an fd of the epoll instance is ready or `timeoutMs` passes (0: do not wait;
   * {@link WAIT_FOREVER}: no timeout). Returns the ready fds, at most `max`; empty on timeout.
   */
  async epollWait(epfd: Fd, max: number, timeoutMs: number): Promise<EpollEvent[]> {
    const wait = new Wait(this.host, describeCall('epoll_wait', [epfd, max, timeoutMs]));
    const deadlineUs = timeoutMs < 0 ? undefined : this.host.sim.nowUs + Math.round(timeoutMs * 1000);
    for (;;) {
      const seen = this.host.activity.version;
      const events = checkedEpollEvents(await this.host.syscall('epollWait', epfd, max), max, describeCall('epollWait', [epfd, max]));
      if (events.length > 0) return events;
      if (deadlineUs !== undefined && this.host.sim.nowUs >= deadlineUs) return events;
      const timeoutUs = deadlineUs === undefined ? undefined : deadlineUs - this.host.sim.nowUs;
      // The epollWait call that found nothing is the one call of ours since `seen`.
      await wait.sleep(seen, 1, timeoutUs);
    }
  }

  /** Let `ms` of virtual time pass for this program. */
  sleep(ms: number): Promise<void> {
    return this.host.sim.sleep(ms, `sleep(${ms} ms) on ${this.host.name}`);
  }

  /** Retry `attempt` while it throws EAGAIN, sleeping until the host's kernel may have changed. */
  private async retry<T>(fd: Fd, description: string, attempt: () => Promise<T>): Promise<T> {
    const wait = new Wait(this.host, description);
    for (;;) {
      const seen = this.host.activity.version;
      try {
        return await attempt();
      } catch (error) {
        if (!isSocketError(error, 'EAGAIN') || this.nonblocking.has(fd)) throw error;
      }
      // The attempt would have blocked: no call of ours since `seen` notified.
      await wait.sleep(seen, 0);
    }
  }

  /** Wait until `ready()` holds, re-checking after every change on the host. */
  private async waitUntil(description: string, ready: () => Promise<boolean>): Promise<void> {
    const wait = new Wait(this.host, description);
    for (;;) {
      const seen = this.host.activity.version;
      if (await ready()) return;
      // `ready` made one call (a poll), which notified.
      await wait.sleep(seen, 1);
    }
  }
}
