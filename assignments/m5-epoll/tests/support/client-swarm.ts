/**
 * Many clients driven by one event loop on one host: each connects (nonblocking), sends one line
 * once connected, and reads its answer. They keep their connections until every client has its
 * answer, so that the server holds all of them at once; then all close.
 */
import { EPOLLERR, EPOLLHUP, EPOLLIN, EPOLLOUT, EPOLLRDHUP, isSocketError, type Fd, type SockAddr } from '../../../../harness/contract';
import type { Sys } from '../../../../harness/runtime';
import { drain, sendLine } from './nonblocking-io';

/** How many clients start connecting per millisecond: a burst of thousands of SYNs would overflow any SYN queue. */
const CONNECTS_PER_MS = 500;

/** What one client sends: its own line, so that an answer given to the wrong client shows. */
export function requestOf(client: number): string {
  return `client ${client}`;
}

/** Run `count` clients of `server` on `sys`; returns each client's answer, by client number. */
export async function clientSwarm(sys: Sys, server: SockAddr, count: number): Promise<string[]> {
  const ep = await sys.epollCreate();
  const clientOf = new Map<Fd, number>();
  const answers: string[] = new Array<string>(count).fill('');
  let started = 0;
  let answered = 0;
  while (answered < count) {
    const batchEnd = Math.min(count, started + CONNECTS_PER_MS);
    for (; started < batchEnd; started++) clientOf.set(await startClient(sys, ep, server), started);
    // While clients are still to start, come back each millisecond to start more.
    const events = await sys.epollWait(ep, 512, started < count ? 1 : -1);
    for (const { fd, events: mask } of events) {
      const client = clientOf.get(fd);
      if (client === undefined) throw new Error(`the clients' epoll_wait reported fd ${fd}, which is no client`);
      if ((mask & (EPOLLERR | EPOLLHUP)) !== 0) throw new Error(`client ${client} (fd ${fd}) failed: ${await failureOf(sys, fd)}`);
      if ((mask & EPOLLOUT) !== 0) {
        await sendLine(sys, fd, `${requestOf(client)}\n`);
        await sys.epollCtl(ep, 'mod', fd, EPOLLIN | EPOLLRDHUP);
      } else if ((mask & EPOLLIN) !== 0) {
        const before = answers[client]!;
        answers[client] = before + (await drain(sys, fd)).text;
        if (!before.endsWith('\n') && answers[client]!.endsWith('\n')) answered++;
      }
    }
  }
  for (const fd of clientOf.keys()) await sys.close(fd);
  return answers;
}

/** Open a nonblocking socket, start its connect, and wait for EPOLLOUT (connected). */
async function startClient(sys: Sys, ep: Fd, server: SockAddr): Promise<Fd> {
  const fd = await sys.socket('tcp');
  sys.fcntl(fd, 'O_NONBLOCK');
  try {
    await sys.connect(fd, server);
  } catch (error) {
    if (!isSocketError(error, 'EINPROGRESS')) throw error;
  }
  await sys.epollCtl(ep, 'add', fd, EPOLLOUT);
  return fd;
}

/** Why a client's connection failed, from SO_ERROR. */
async function failureOf(sys: Sys, fd: Fd): Promise<string> {
  const errno = await sys.getsockopt(fd, 'SO_ERROR');
  return errno === 0 ? 'no error pending' : `SO_ERROR ${errno}`;
}
