/**
 * A program on a simulated host that tells what it does: every syscall is printed with the
 * virtual time, its arguments and its result, the way strace shows a process —
 *
 *     [ 0.000000 s] server: bind(3, 0.0.0.0:4242) = 0
 *     [ 0.000000 s] server: recvfrom(3, 1500) …waits
 *     [ 0.001000 s] server: recvfrom(3, 1500) = 5 "temp?" from 10.0.0.1:52110
 *     [ 0.012000 s] client: recv(4, 1500) → ECONNREFUSED (errno 111)
 *
 * A call that would block is first tried nonblocking, so the story can say "…waits" before the
 * time passes; then it is made again, blocking, through the runtime. An event loop's program makes
 * its fds nonblocking (fcntl) and waits only in epoll_wait: its calls are told as they return.
 */
import {
  EPOLLERR,
  EPOLLHUP,
  EPOLLOUT,
  errnoName,
  formatEvents,
  isSocketError,
  SocketError,
  type AcceptResult,
  type EpollEvent,
  type EpollOp,
  type Fd,
  type RecvFromResult,
  type ShutdownHow,
  type SockAddr,
  type SocketKind,
  type TcpState,
} from '../../harness/contract';
import type { Sys } from '../../harness/runtime';
import { showAddr, showData, showEpollWait, showError, showEvents, type Narrator } from './narrator';
import { formatPollEvents } from './poll-events';

/** A program on one host: its syscalls, narrated. */
export class Program {
  /**
   * While quiet, its calls are made but not told: a crowd's calls would drown the story, which
   * then tells what they added up to.
   */
  quiet = false;
  /** The fds the program made nonblocking (fcntl): their calls fail with EAGAIN rather than wait. */
  private readonly nonblocking = new Set<Fd>();

  constructor(
    /** How the story names it: `client`, `server`. */
    readonly name: string,
    readonly sys: Sys,
    private readonly narrator: Narrator,
  ) {}

  /** Virtual time in µs. */
  get nowUs(): number {
    return this.sys.host.sim.nowUs;
  }

  say(text: string): void {
    if (!this.quiet) this.narrator.say(this.name, text);
  }

  socket(kind: SocketKind): Promise<Fd> {
    return this.call(`socket(${kind})`, () => this.sys.socket(kind), String);
  }

  bind(fd: Fd, addr: SockAddr): Promise<void> {
    return this.call(`bind(${fd}, ${showAddr(addr)})`, () => this.sys.bind(fd, addr), () => '0');
  }

  listen(fd: Fd, backlog: number): Promise<void> {
    return this.call(`listen(${fd}, ${backlog})`, () => this.sys.listen(fd, backlog), () => '0');
  }

  /**
   * connect, as a blocking program sees it. A UDP connect returns at once; a TCP connect waits
   * for the handshake ("…waits"), then returns 0 or fails with the connection's error.
   */
  async connect(fd: Fd, addr: SockAddr): Promise<void> {
    const text = `connect(${fd}, ${showAddr(addr)})`;
    if (this.nonblocking.has(fd)) return this.call(text, () => this.sys.connect(fd, addr), () => '0');
    this.sys.fcntl(fd, 'O_NONBLOCK');
    try {
      await this.sys.connect(fd, addr);
      this.say(`${text} = 0`);
      return;
    } catch (error) {
      if (!isSocketError(error, 'EINPROGRESS')) {
        this.say(`${text} → ${showError(error)}`);
        throw error;
      }
    } finally {
      this.sys.fcntl(fd, 'O_NONBLOCK', false);
    }
    this.say(`${text} …waits`);
    let error: number;
    try {
      await this.waitFor(fd, EPOLLOUT, text);
      error = await this.sys.getsockopt(fd, 'SO_ERROR');
    } catch (failure) {
      this.say(`${text} → ${showError(failure)}`);
      throw failure;
    }
    if (error === 0) {
      this.say(`${text} = 0`);
      return;
    }
    const failure = new SocketError(errnoName(error) ?? 'EINVAL', `connect failed with errno ${error}`);
    this.say(`${text} → ${showError(failure)}`);
    throw failure;
  }

  /** Take a connection from a listener, waiting for one; `onWait` is called if it has to wait. */
  accept(fd: Fd, onWait?: () => void): Promise<AcceptResult> {
    return this.blocking(fd, `accept(${fd})`, () => this.sys.accept(fd), (r) => `${r.fd} (from ${showAddr(r.peer)})`, onWait);
  }

  sendto(fd: Fd, data: Uint8Array, to: SockAddr): Promise<number> {
    return this.call(`sendto(${fd}, ${showData(data)}, ${showAddr(to)})`, () => this.sys.sendto(fd, data, to), String);
  }

  send(fd: Fd, data: Uint8Array): Promise<number> {
    return this.call(`send(${fd}, ${showData(data)})`, () => this.sys.send(fd, data), String);
  }

  getsockname(fd: Fd): Promise<SockAddr> {
    return this.call(`getsockname(${fd})`, () => this.sys.getsockname(fd), showAddr);
  }

  shutdown(fd: Fd, how: ShutdownHow): Promise<void> {
    const name = { rd: 'SHUT_RD', wr: 'SHUT_WR', rdwr: 'SHUT_RDWR' }[how];
    return this.call(`shutdown(${fd}, ${name})`, () => this.sys.shutdown(fd, how), () => '0');
  }

  async close(fd: Fd): Promise<void> {
    await this.call(`close(${fd})`, () => this.sys.close(fd), () => '0');
    this.nonblocking.delete(fd);
  }

  /** Make `fd` nonblocking (or blocking again): then its calls fail with EAGAIN (connect: EINPROGRESS) instead of waiting. */
  fcntl(fd: Fd, flag: 'O_NONBLOCK', on = true): void {
    this.sys.fcntl(fd, flag, on);
    if (on) this.nonblocking.add(fd);
    else this.nonblocking.delete(fd);
    this.say(`fcntl(${fd}, F_SETFL, ${on ? flag : '0'}) = 0`);
  }

  epollCreate(): Promise<Fd> {
    return this.call('epoll_create1(0)', () => this.sys.epollCreate(), String);
  }

  epollCtl(ep: Fd, op: EpollOp, fd: Fd, events: number): Promise<void> {
    return this.call(`epoll_ctl(${ep}, EPOLL_CTL_${op.toUpperCase()}, ${fd}, ${formatEvents(events)})`, () => this.sys.epollCtl(ep, op, fd, events), () => '0');
  }

  /**
   * epoll_wait: the ready fds of `ep`, at most `max`, waiting for one up to `timeoutMs` (-1: no
   * limit). Tried without waiting first, so the story can say "…waits" before the time passes.
   */
  async epollWait(ep: Fd, max: number, timeoutMs: number): Promise<EpollEvent[]> {
    const text = showEpollWait(ep, max, timeoutMs);
    let events: EpollEvent[];
    try {
      events = await this.sys.epollWait(ep, max, 0);
    } catch (error) {
      this.say(`${text} → ${showError(error)}`);
      throw error;
    }
    if (events.length > 0 || timeoutMs === 0) {
      this.say(`${text} = ${showEvents(events)}`);
      return events;
    }
    this.say(`${text} …waits`);
    return this.call(text, () => this.sys.epollWait(ep, max, timeoutMs), showEvents);
  }

  /** The TCP state of `fd`'s connection, as tcpInfo reports it (Linux: `ss -t`). */
  tcpState(fd: Fd): Promise<TcpState> {
    return this.call(`tcpInfo(${fd}).state`, async () => (await this.sys.tcpInfo(fd)).state, String);
  }

  /** Receive one datagram, waiting for it; `onWait` is called if it has to wait. */
  recvfrom(fd: Fd, max: number, onWait?: () => void): Promise<RecvFromResult> {
    return this.blocking(
      fd,
      `recvfrom(${fd}, ${max})`,
      () => this.sys.recvfrom(fd, max),
      (r) => `${r.data.length} ${showData(r.data)} from ${showAddr(r.from)}${r.truncated ? ' (truncated)' : ''}`,
      onWait,
    );
  }

  /** Receive on a connected socket, waiting for data. `= 0` is what C's recv returns for TCP's end of file. */
  recv(fd: Fd, max: number): Promise<Uint8Array> {
    return this.blocking(fd, `recv(${fd}, ${max})`, () => this.sys.recv(fd, max), (data) => (data.length > 0 ? `${data.length} ${showData(data)}` : '0'));
  }

  /**
   * poll(2) on one fd with a timeout: wait until `fd` reports one of `events` (poll-events.ts; or
   * POLLERR or POLLHUP, which are always reported), or until `timeoutMs` of virtual time has passed.
   * Returns the socket's mask, or 0 on timeout — what C's `poll(&pfd, 1, timeout)` tells a program.
   */
  async pollWait(fd: Fd, events: number, timeoutMs: number): Promise<number> {
    const text = `poll(${fd}, ${formatPollEvents(events)}, ${timeoutMs} ms)`;
    let mask: number;
    try {
      mask = await this.waitFor(fd, events, text, timeoutMs, () => this.say(`${text} …waits`));
    } catch (error) {
      this.say(`${text} → ${showError(error)}`);
      throw error;
    }
    this.say(mask === 0 ? `${text} = 0 (timed out)` : `${text} = ${formatPollEvents(mask)}`);
    return mask;
  }

  /** Let virtual time pass until `ms`, silently: the demo's pacing between scenes. */
  sleepUntil(ms: number): Promise<void> {
    return sleepUntil(this.sys, ms);
  }

  /**
   * Wait until `fd` reports one of `events` (or EPOLLERR or EPOLLHUP, which are always reported),
   * or until `timeoutMs` has passed (none: no limit). Returns the mask, or 0 on timeout.
   *
   * Built on the kernel's nonblocking `poll(fd)`: ask, and if nothing is ready, sleep until the
   * host's kernel changes or the timeout comes. `onWait` is called once, if it has to wait.
   */
  private async waitFor(fd: Fd, events: number, text: string, timeoutMs?: number, onWait?: () => void): Promise<number> {
    const host = this.sys.host;
    const deadlineUs = timeoutMs === undefined ? undefined : host.sim.nowUs + Math.round(timeoutMs * 1000);
    let waited = false;
    for (;;) {
      const seen = host.activity.version;
      const mask = await this.sys.poll(fd);
      // Like poll(2): errors and hang-ups are reported whether asked for or not.
      if ((mask & (events | EPOLLERR | EPOLLHUP)) !== 0) return mask;
      if (deadlineUs !== undefined && host.sim.nowUs >= deadlineUs) return 0;
      if (!waited) onWait?.();
      waited = true;
      // The poll itself notified the host once; anything beyond that happened since we looked.
      if (host.activity.version > seen + 1) continue;
      await host.sim.block(`${text} on ${host.name}`, [host.activity], deadlineUs === undefined ? undefined : deadlineUs - host.sim.nowUs);
    }
  }

  /** Make a call that never blocks, and tell its result or its error. */
  private async call<T>(text: string, run: () => Promise<T>, show: (value: T) => string): Promise<T> {
    let value: T;
    try {
      value = await run();
    } catch (error) {
      this.say(`${text} → ${showError(error)}`);
      throw error;
    }
    this.say(`${text} = ${show(value)}`);
    return value;
  }

  /** Make a call that may block: say "…waits" (and call `onWait`) if it has to, then tell how it ended. */
  private async blocking<T>(fd: Fd, text: string, run: () => Promise<T>, show: (value: T) => string, onWait?: () => void): Promise<T> {
    if (this.nonblocking.has(fd)) return this.call(text, run, show);
    this.sys.fcntl(fd, 'O_NONBLOCK');
    try {
      const value = await run();
      this.say(`${text} = ${show(value)}`);
      return value;
    } catch (error) {
      if (!isSocketError(error, 'EAGAIN')) {
        this.say(`${text} → ${showError(error)}`);
        throw error;
      }
    } finally {
      this.sys.fcntl(fd, 'O_NONBLOCK', false);
    }
    this.say(`${text} …waits`);
    onWait?.();
    return this.call(text, run, show);
  }
}

/** Let virtual time pass on `sys`'s host until `ms` (at once if that time has come). */
export async function sleepUntil(sys: Sys, ms: number): Promise<void> {
  const leftMs = ms - sys.host.sim.nowMs;
  if (leftMs > 0) await sys.sleep(leftMs);
}
