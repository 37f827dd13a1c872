/**
 * A program on a simulated host that tells what it does: every syscall is printed with the
 * virtual time, its arguments and its result, the way strace shows a process —
 *
 *     [   0.000 ms] server: bind(3, 0.0.0.0:4242) = 0
 *     [   0.000 ms] server: recvfrom(3, 1500) …waits
 *     [   1.000 ms] server: recvfrom(3, 1500) = 5 "temp?" from 10.0.0.1:52110
 *     [  12.000 ms] client: recv(4, 1500) → ECONNREFUSED (errno 111)
 *
 * A call that would block is first tried nonblocking, so the story can say "…waits" before the
 * time passes; then it is made again, blocking, through the runtime.
 */
import {
  EPOLLERR,
  EPOLLHUP,
  errnoNumber,
  formatEvents,
  NotImplemented,
  SocketError,
  type Errno,
  type Fd,
  type RecvFromResult,
  type SockAddr,
  type SocketKind,
} from '../../harness/contract';
import type { Sys } from '../../harness/runtime';
import { DeadlockError } from '../../harness/sim/errors';
import type { Simulator } from '../../harness/sim/simulator';
import type { DemoIo } from './io';

/** `[  12.000 ms]`: virtual time, aligned for runs up to 10 s. */
export function stamp(nowUs: number): string {
  return `[${(nowUs / 1000).toFixed(3).padStart(8)} ms]`;
}

/** The lines of a demo: timestamped syscalls, and indented notes between them. */
export class Narrator {
  constructor(
    readonly sim: Simulator,
    private readonly io: DemoIo,
  ) {}

  /** `[   1.000 ms] server: text` */
  say(who: string, text: string): void {
    this.io.out(`${stamp(this.sim.nowUs)} ${who}: ${text}`);
  }

  /** A line of the story without a timestamp. */
  line(text = ''): void {
    this.io.out(text);
  }
}

/** A socket address as the kernel contract writes it: `10.0.0.2:4242`. */
export function showAddr(addr: SockAddr): string {
  return `${addr.address}:${addr.port}`;
}

/** A payload: quoted text when printable, else its length. */
export function showData(data: Uint8Array): string {
  const printable = data.every((byte) => byte >= 0x20 && byte < 0x7f);
  return printable ? JSON.stringify(new TextDecoder().decode(data)) : `<${data.length} bytes>`;
}

/** What a failed call threw, in a few words: `ECONNREFUSED (errno 111)`, `not implemented (m1: ...)`. */
export function showError(error: unknown): string {
  if (error instanceof SocketError) return `${error.errno} (errno ${errnoNumber(error.errno)})`;
  if (error instanceof NotImplemented) return error.message;
  if (error instanceof DeadlockError) return 'deadlock: nothing left could wake it';
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** True when `error` is the SocketError `errno`. */
export function isErrno(error: unknown, errno: Errno): boolean {
  return error instanceof SocketError && error.errno === errno;
}

/** A program on one host: its syscalls, narrated. */
export class Program {
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
    this.narrator.say(this.name, text);
  }

  socket(kind: SocketKind): Promise<Fd> {
    return this.call(`socket(${kind})`, () => this.sys.socket(kind), String);
  }

  bind(fd: Fd, addr: SockAddr): Promise<void> {
    return this.call(`bind(${fd}, ${showAddr(addr)})`, () => this.sys.bind(fd, addr), () => '0');
  }

  connect(fd: Fd, addr: SockAddr): Promise<void> {
    return this.call(`connect(${fd}, ${showAddr(addr)})`, () => this.sys.connect(fd, addr), () => '0');
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

  close(fd: Fd): Promise<void> {
    return this.call(`close(${fd})`, () => this.sys.close(fd), () => '0');
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

  /** Receive one datagram on a connected socket, waiting for it. */
  recv(fd: Fd, max: number): Promise<Uint8Array> {
    return this.blocking(fd, `recv(${fd}, ${max})`, () => this.sys.recv(fd, max), (data) => `${data.length} ${showData(data)}`);
  }

  /**
   * poll(2) on one fd with a timeout: wait until `fd` reports one of `events` (or EPOLLERR, which
   * is always reported), or until `timeoutMs` of virtual time has passed. Returns the socket's
   * mask, or 0 on timeout — what C's `poll(&pfd, 1, timeout)` tells a program.
   *
   * Built on the kernel's nonblocking `poll(fd)`: ask, and if nothing is ready, sleep until the
   * host's kernel changes or the timeout comes. The wait always ends, so no waiter is left behind.
   */
  async pollWait(fd: Fd, events: number, timeoutMs: number): Promise<number> {
    const text = `poll(${fd}, ${formatEvents(events)}, ${timeoutMs} ms)`;
    const host = this.sys.host;
    const deadlineUs = host.sim.nowUs + Math.round(timeoutMs * 1000);
    let announced = false;
    for (;;) {
      const seen = host.activity.version;
      let mask: number;
      try {
        mask = await this.sys.poll(fd);
      } catch (error) {
        this.say(`${text} → ${showError(error)}`);
        throw error;
      }
      // Like poll(2): errors and hang-ups are reported whether asked for or not.
      const ready = mask & (events | EPOLLERR | EPOLLHUP);
      if (ready !== 0) {
        this.say(`${text} = ${formatEvents(mask)}`);
        return mask;
      }
      if (host.sim.nowUs >= deadlineUs) {
        this.say(`${text} = 0 (timed out)`);
        return 0;
      }
      if (!announced) {
        this.say(`${text} …waits`);
        announced = true;
      }
      // The poll itself notified the host once; anything beyond that happened since we looked.
      if (host.activity.version > seen + 1) continue;
      await host.sim.block(`${text} on ${host.name}`, [host.activity], deadlineUs - host.sim.nowUs);
    }
  }

  /** Let `ms` of virtual time pass, silently: the demo's pacing between scenes. */
  async sleepUntil(ms: number): Promise<void> {
    const leftMs = ms - this.nowUs / 1000;
    if (leftMs > 0) await this.sys.sleep(leftMs);
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
    this.sys.fcntl(fd, 'O_NONBLOCK');
    try {
      const value = await run();
      this.say(`${text} = ${show(value)}`);
      return value;
    } catch (error) {
      if (!isErrno(error, 'EAGAIN')) {
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
