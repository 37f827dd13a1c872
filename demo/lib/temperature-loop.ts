/**
 * The temperature service as one event loop: how one thread holds thousands of connections. A
 * nonblocking listener and every connection in one epoll instance (level-triggered), and no call
 * that waits but epoll_wait. A connection's first read is its request: the loop answers it
 * ("temp?" → "42 C", with the request's line ending) and closes the connection, as the TUN demo's
 * service does, so that a client that reads to the end (nc) stops there.
 *
 * It runs on anything that makes the runtime's calls: a narrated Program on the simulator, or a
 * stack over TUN (realtime-calls.ts).
 */
import { EPOLLIN, INADDR_ANY, isSocketError, type AcceptResult, type EpollEvent, type Fd, type SockAddr } from '../../harness/contract';
import type { Sys } from '../../harness/runtime';
import { DemoFailure } from './failure';
import { RECV_MAX, TEMPERATURE_PORT } from './temperature';
import { answerTo } from './temperature-service';

/** The calls an event loop makes, as the runtime's Sys makes them. */
export type EventLoopCalls = Pick<Sys, 'socket' | 'bind' | 'listen' | 'fcntl' | 'accept' | 'recv' | 'send' | 'close' | 'epollCreate' | 'epollCtl' | 'epollWait'>;

/** One epoll_wait of the loop: its arguments, and what it returned. */
export interface LoopWait {
  readonly ep: Fd;
  readonly maxEvents: number;
  readonly timeoutMs: number;
  /** None: its timeout passed. */
  readonly events: readonly EpollEvent[];
}

/** What the loop tells as it goes, for the story and its figures. */
export interface LoopWatch {
  waited(wait: LoopWait): void;
  accepted(peer: SockAddr): void;
  answered(peer: SockAddr, request: string, answer: string): void;
  /** The connection with `peer` is closed: out of the interest list. */
  closed(peer: SockAddr): void;
}

export interface LoopOptions {
  /** epoll_wait's timeout (WAIT_FOREVER: none): how soon an idle loop notices that it is `done`. */
  readonly waitMs: number;
  /** Asked before every wait: once true, the loop closes every fd it has and returns. */
  readonly done: () => boolean;
  /** What answering costs, awaited before each answer: the simulator counts no time for computing. */
  readonly work?: () => Promise<void>;
  readonly watch: LoopWatch;
  /** Called once the loop listens: clients may connect from then on. */
  readonly onListening: () => void;
}

/** The most events one epoll_wait returns: fewer than a crowd, so that a busy loop takes them in turns. */
export const MAX_EVENTS = 256;
/**
 * Connections the listener's kernel may hold, in their handshakes or waiting to be accepted:
 * Linux's SOMAXCONN since 5.4. A crowd that connects a hundred a millisecond overflows 128.
 */
const LISTEN_BACKLOG = 4096;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Serve the temperature on TCP port 4242 until `options.done()`. */
export async function temperatureLoop(calls: EventLoopCalls, options: LoopOptions): Promise<void> {
  const listener = await calls.socket('tcp');
  await calls.bind(listener, { address: INADDR_ANY, port: TEMPERATURE_PORT });
  await calls.listen(listener, LISTEN_BACKLOG);
  calls.fcntl(listener, 'O_NONBLOCK');
  const ep = await calls.epollCreate();
  await calls.epollCtl(ep, 'add', listener, EPOLLIN);
  options.onListening();
  await new TemperatureLoop(calls, options, listener, ep).run();
}

class TemperatureLoop {
  /** The open connections, by fd, with their clients' addresses. */
  private readonly connections = new Map<Fd, SockAddr>();

  constructor(
    private readonly calls: EventLoopCalls,
    private readonly options: LoopOptions,
    private readonly listener: Fd,
    private readonly ep: Fd,
  ) {}

  async run(): Promise<void> {
    const { calls, options } = this;
    while (!options.done()) {
      const events = await calls.epollWait(this.ep, MAX_EVENTS, options.waitMs);
      options.watch.waited({ ep: this.ep, maxEvents: MAX_EVENTS, timeoutMs: options.waitMs, events });
      for (const { fd } of events) {
        if (fd === this.listener) await this.acceptAll();
        else await this.answer(fd);
      }
    }
    for (const fd of [...this.connections.keys()]) await this.close(fd);
    await calls.close(this.listener);
    await calls.close(this.ep);
  }

  /** Accept every connection waiting (the listener is readable once for all of them), each nonblocking and registered. */
  private async acceptAll(): Promise<void> {
    const { calls } = this;
    for (;;) {
      let accepted: AcceptResult;
      try {
        accepted = await calls.accept(this.listener);
      } catch (error) {
        if (isSocketError(error, 'EAGAIN')) return;
        throw error;
      }
      calls.fcntl(accepted.fd, 'O_NONBLOCK');
      await calls.epollCtl(this.ep, 'add', accepted.fd, EPOLLIN);
      this.connections.set(accepted.fd, accepted.peer);
      this.options.watch.accepted(accepted.peer);
    }
  }

  /** Answer connection `fd`, and close it. */
  private async answer(fd: Fd): Promise<void> {
    const peer = this.connections.get(fd);
    if (!peer) throw new DemoFailure(`epoll_wait reported fd ${fd}, which is neither the listener nor an open connection`);
    try {
      if (!(await this.reply(fd, peer))) return;
    } catch (error) {
      // A client that resets its connection is no error of the server's.
      if (!isSocketError(error, 'ECONNRESET', 'EPIPE')) throw error;
    }
    await this.close(fd);
  }

  /** Close connection `fd` (which takes it out of the interest list). */
  private async close(fd: Fd): Promise<void> {
    const peer = this.connections.get(fd);
    await this.calls.close(fd);
    this.connections.delete(fd);
    if (peer) this.options.watch.closed(peer);
  }

  /** Read `fd`'s request and answer it; false when there is nothing to read after all. */
  private async reply(fd: Fd, peer: SockAddr): Promise<boolean> {
    const { calls, options } = this;
    let request: Uint8Array;
    try {
      request = await calls.recv(fd, RECV_MAX);
    } catch (error) {
      // Ready when epoll_wait looked, no longer now: wait for its next report.
      if (isSocketError(error, 'EAGAIN')) return false;
      throw error;
    }
    // Empty: the client closed without asking.
    if (request.length === 0) return true;
    await options.work?.();
    const text = decoder.decode(request);
    const answer = answerTo(text);
    const data = encoder.encode(answer);
    const sent = await calls.send(fd, data);
    if (sent !== data.length) throw new DemoFailure(`send took ${sent} of the ${data.length} bytes of the answer: a new connection's send buffer holds them all`);
    options.watch.answered(peer, text, answer);
    return true;
  }
}
