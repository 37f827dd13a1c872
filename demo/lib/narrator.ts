/**
 * How a demo speaks: lines stamped with virtual time, and the few ways it shows times, addresses,
 * payloads and errors —
 *
 *     [ 0.001000 s] server: recvfrom(3, 1500) = 5 "temp?" from 10.0.0.1:52110
 *     [ 0.012000 s] client: recv(4, 1500) → ECONNREFUSED (errno 111)
 */
import { errnoNumber, formatEvents, NotImplemented, SocketError, type EpollEvent, type Fd, type SockAddr } from '../../harness/contract';
import { DeadlockError } from '../../harness/sim/errors';
import type { Simulator } from '../../harness/sim/simulator';
import type { DemoIo } from './io';

/**
 * A time as every line of a demo shows it, `1.022000 s`: one unit however long the run, to the
 * microsecond, the way Wireshark's Time column shows the same packets in the demo's pcapng.
 */
export function demoTime(us: number): string {
  return `${(us / 1_000_000).toFixed(6)} s`;
}

/** `[ 0.012000 s]`: a line's time, aligned for runs up to 100 s. */
export function stamp(nowUs: number): string {
  return `[${demoTime(nowUs).padStart(11)}]`;
}

/** The lines of a demo: timestamped syscalls, and indented notes between them. */
export class Narrator {
  constructor(
    readonly sim: Simulator,
    private readonly io: DemoIo,
  ) {}

  /** `[ 0.001000 s] server: text` */
  say(who: string, text: string): void {
    this.io.out(`${stamp(this.sim.nowUs)} ${who}: ${text}`);
  }

  /** A line of the story without a timestamp. */
  line(text = ''): void {
    this.io.out(text);
  }
}

/** `count` and its `noun`, plural unless the count is one: `1 client`, `999 clients`. */
export function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
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

/** How many of the events of one epoll_wait a line shows. */
const EVENTS_SHOWN = 4;

/** An epoll_wait call as strace shows its arguments, but the events' buffer: `epoll_wait(4, 256, -1)`. */
export function showEpollWait(ep: Fd, max: number, timeoutMs: number): string {
  return `epoll_wait(${ep}, ${max}, ${timeoutMs})`;
}

/** What epoll_wait returned: `1 [fd 3: EPOLLIN]`, `0 (timed out)`. */
export function showEvents(events: readonly EpollEvent[]): string {
  if (events.length === 0) return '0 (timed out)';
  const shown = events.slice(0, EVENTS_SHOWN).map((event) => `fd ${event.fd}: ${formatEvents(event.events)}`);
  return `${events.length} [${shown.join(', ')}${events.length > EVENTS_SHOWN ? ', …' : ''}]`;
}

/** What a failed call threw, in a few words: `ECONNREFUSED (errno 111)`, `not implemented (m1: ...)`. */
export function showError(error: unknown): string {
  if (error instanceof SocketError) return `${error.errno} (errno ${errnoNumber(error.errno)})`;
  if (error instanceof NotImplemented) return error.message;
  if (error instanceof DeadlockError) return 'deadlock: nothing left could wake it';
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
