/**
 * One event loop serving many clients, as a real server does it: a nonblocking listener and every
 * connection in one epoll instance (level-triggered), and never a call that waits but
 * epoll_wait. Each client sends one line; the server answers `answer to <line>` and keeps the
 * connection until the client closes it, so that all clients are connected at once.
 *
 * The loop is asynchronous, as a server's in Node is: each ready socket's handler starts at once,
 * without waiting for the one before, so the calls of many connections reach the kernel
 * interleaved (and a kernel in its own process gets them together). The stack must keep every
 * connection apart whatever the order of the calls.
 */
import { EPOLLERR, EPOLLHUP, EPOLLIN, EPOLLRDHUP, INADDR_ANY, isSocketError, type Fd } from '../../../../harness/contract';
import { WAIT_FOREVER, type Sys } from '../../../../harness/runtime';
import { drain, sendLine } from './nonblocking-io';

/** How the loop went, for the test to check and to show. */
export interface ServerStats {
  /** Connections accepted, answered, and closed after the client's end of file. */
  served: number;
  /** The most connections open at once. */
  mostOpen: number;
  /** epoll_wait calls, and the most events one of them returned. */
  waits: number;
  mostEvents: number;
}

/** The answer the server gives to `line`. */
export function answerTo(line: string): string {
  return `answer to ${line}\n`;
}

/** The most events one epoll_wait takes: fewer than the clients, so the ready list must rotate. */
const MAX_EVENTS = 256;

/** How many accepts the listener's handler has out at once, until one finds the queue empty. */
const ACCEPTS_AT_ONCE = 64;

/** Serve on `port` until `clients` connections have been served and closed. */
export async function eventLoopServer(sys: Sys, port: number, clients: number): Promise<ServerStats> {
  const stats: ServerStats = { served: 0, mostOpen: 0, waits: 0, mostEvents: 0 };
  const listener = await sys.socket('tcp');
  await sys.bind(listener, { address: INADDR_ANY, port });
  await sys.listen(listener, 4096);
  sys.fcntl(listener, 'O_NONBLOCK');
  const ep = await sys.epollCreate();
  await sys.epollCtl(ep, 'add', listener, EPOLLIN);
  const pending = new Map<Fd, string>();
  while (stats.served < clients) {
    const events = await sys.epollWait(ep, MAX_EVENTS, WAIT_FOREVER);
    stats.waits++;
    stats.mostEvents = Math.max(stats.mostEvents, events.length);
    await Promise.all(
      events.map(async ({ fd, events: mask }) => {
        if (fd === listener) await acceptAll(sys, ep, listener, pending);
        else if (pending.has(fd)) await serveConnection(sys, fd, mask, pending, stats);
        else throw new Error(`epoll_wait reported fd ${fd} (${mask}), which is neither the listener nor an open connection`);
      }),
    );
    stats.mostOpen = Math.max(stats.mostOpen, pending.size);
  }
  return stats;
}

/** Accept every connection waiting, each nonblocking and registered. */
async function acceptAll(sys: Sys, ep: Fd, listener: Fd, pending: Map<Fd, string>): Promise<void> {
  for (;;) {
    const accepted = await Promise.all(Array.from({ length: ACCEPTS_AT_ONCE }, () => acceptOne(sys, ep, listener, pending)));
    if (accepted.includes(false)) return;
  }
}

/** Accept one connection, nonblocking and registered; false when none was waiting. */
async function acceptOne(sys: Sys, ep: Fd, listener: Fd, pending: Map<Fd, string>): Promise<boolean> {
  let fd: Fd;
  try {
    ({ fd } = await sys.accept(listener));
  } catch (error) {
    if (isSocketError(error, 'EAGAIN')) return false;
    throw error;
  }
  sys.fcntl(fd, 'O_NONBLOCK');
  await sys.epollCtl(ep, 'add', fd, EPOLLIN | EPOLLRDHUP);
  pending.set(fd, '');
  return true;
}

/** Read what came; answer a complete line; close once the client has closed. */
async function serveConnection(sys: Sys, fd: Fd, mask: number, pending: Map<Fd, string>, stats: ServerStats): Promise<void> {
  if ((mask & (EPOLLERR | EPOLLHUP)) !== 0 && (mask & EPOLLIN) === 0) throw new Error(`connection fd ${fd} failed (events ${mask})`);
  const { text, ended } = await drain(sys, fd);
  const before = pending.get(fd) ?? '';
  const received = before + text;
  if (!before.includes('\n') && received.includes('\n')) await sendLine(sys, fd, answerTo(received.slice(0, received.indexOf('\n'))));
  pending.set(fd, received);
  if (!ended) return;
  if (!received.includes('\n')) throw new Error(`connection fd ${fd} ended before its request was complete: ${JSON.stringify(received)}`);
  // close() takes the fd out of the interest list.
  await sys.close(fd);
  pending.delete(fd);
  stats.served++;
}
