/**
 * The lecture's temperature service on a socklab stack in real time (harness/phy/tun/realtime-host.ts,
 * over TUN): "temp?" → "42 C" on UDP and on TCP port 4242 at once. One single-threaded server,
 * written the epoll way: nonblocking calls, each after a wait for readiness. A TCP client gets its
 * answer, then the server closes the connection, so that a client that reads to the end stops there.
 *
 * A request may end with a newline, as `nc` and shell clients send lines: the answer then ends
 * with one too. Each wait lasts at most {@link SLICE_MS}, so that the server notices it is told
 * to stop soon after.
 */
import { EPOLLIN, INADDR_ANY, isSocketError, type Fd, type SockAddr } from '../../harness/contract';
import type { RealtimeHost } from '../../harness/phy/tun/realtime-host';
import { ANSWER, RECV_MAX, REQUEST, TEMPERATURE_PORT } from './temperature';

const SLICE_MS = 50;
/** How long a TCP client may take to send its request before the server hangs up. */
const REQUEST_WAIT_MS = 10_000;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One request answered. */
export interface Served {
  readonly protocol: 'UDP' | 'TCP';
  readonly from: SockAddr;
  readonly request: string;
  readonly answer: string;
  /** When, in ms since the host started. */
  readonly atMs: number;
}

export interface ServeOptions {
  /** The service listens on both protocols (a client may ask now). */
  readonly onListening: () => void;
  readonly onServed: (served: Served) => void;
  /** Stop serving once this resolves. */
  readonly until: Promise<void>;
}

/** The answer to `request`: "42 C" for "temp?", with the request's line ending. */
export function answerTo(request: string): string {
  const ending = /\r?\n$/.exec(request)?.[0] ?? '';
  return `${request.slice(0, request.length - ending.length) === REQUEST ? ANSWER : 'unknown request'}${ending}`;
}

/**
 * Serve on `host` until `options.until`, then close every socket. Rejects with the stack's first
 * error (a call it refused, a crash), once every part of the server has stopped.
 */
export async function serveTemperature(host: RealtimeHost, options: ServeOptions): Promise<void> {
  const run = new ServerRun(host, options.onServed);
  void options.until.then(() => (run.stopping = true));
  const udp = await host.call('socket', 'udp');
  await host.call('bind', udp, { address: INADDR_ANY, port: TEMPERATURE_PORT });
  const listener = await host.call('socket', 'tcp');
  await host.call('bind', listener, { address: INADDR_ANY, port: TEMPERATURE_PORT });
  await host.call('listen', listener, 8);
  options.onListening();
  await Promise.all([run.guard(run.serveUdp(udp)), run.guard(run.serveTcp(listener))]);
  await Promise.all(run.connections);
  if (run.error !== undefined) throw run.error;
}

function wouldBlock(error: unknown): boolean {
  return isSocketError(error, 'EAGAIN');
}

/** One server's state: whether it is stopping, its first error, its open connections. */
class ServerRun {
  stopping = false;
  error: unknown;
  readonly connections = new Set<Promise<void>>();

  constructor(
    private readonly host: RealtimeHost,
    private readonly onServed: (served: Served) => void,
  ) {}

  /** `part` of the server; its error stops the whole server. */
  async guard(part: Promise<void>): Promise<void> {
    try {
      await part;
    } catch (error) {
      this.error ??= error;
      this.stopping = true;
    }
  }

  async serveUdp(fd: Fd): Promise<void> {
    const { host } = this;
    while (await this.readable(fd)) {
      let datagram;
      try {
        datagram = await host.call('recvfrom', fd, RECV_MAX);
      } catch (error) {
        if (wouldBlock(error)) continue;
        throw error;
      }
      const request = decoder.decode(datagram.data);
      const answer = answerTo(request);
      await host.call('sendto', fd, encoder.encode(answer), datagram.from);
      this.onServed({ protocol: 'UDP', from: datagram.from, request, answer, atMs: host.nowMs() });
    }
    await host.call('close', fd);
  }

  async serveTcp(listener: Fd): Promise<void> {
    const { host } = this;
    while (await this.readable(listener)) {
      let accepted;
      try {
        accepted = await host.call('accept', listener);
      } catch (error) {
        if (wouldBlock(error)) continue;
        throw error;
      }
      const connection = this.guard(this.answer(accepted.fd, accepted.peer));
      this.connections.add(connection);
      void connection.then(() => this.connections.delete(connection));
    }
    await host.call('close', listener);
  }

  /** Read one request on connection `fd`, answer it, and close. A client that resets the connection is no error of the server's. */
  private async answer(fd: Fd, peer: SockAddr): Promise<void> {
    try {
      await this.answerOnce(fd, peer);
    } catch (error) {
      if (!isSocketError(error, 'ECONNRESET', 'EPIPE')) throw error;
    }
    await this.host.call('close', fd);
  }

  private async answerOnce(fd: Fd, peer: SockAddr): Promise<void> {
    const { host } = this;
    const endMs = host.nowMs() + REQUEST_WAIT_MS;
    let request: Uint8Array | undefined;
    while (request === undefined && host.nowMs() < endMs && (await this.readable(fd))) {
      try {
        request = await host.call('recv', fd, RECV_MAX);
      } catch (error) {
        if (!wouldBlock(error)) throw error;
      }
    }
    // Empty: the client closed without asking.
    if (request === undefined || request.length === 0) return;
    const answer = answerTo(decoder.decode(request));
    await host.call('send', fd, encoder.encode(answer));
    this.onServed({ protocol: 'TCP', from: peer, request: decoder.decode(request), answer, atMs: host.nowMs() });
  }

  /** Wait until `fd` is readable: true when it is, false once the server is stopping. */
  private async readable(fd: Fd): Promise<boolean> {
    while (!this.stopping) {
      if ((await this.host.waitFor(fd, EPOLLIN, SLICE_MS)) !== 0) return true;
    }
    return false;
  }
}
