// Generated from reference/tcp/listen.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * The passive side: listen(), what a listener does with arriving segments, and accept().
 *
 * A listener keeps two queues (Linux's model, see listen(2)):
 *
 * - the **SYN queue** holds connections whose handshake is under way: a SYN arrived, a SYN-ACK
 *   went back, the final ACK has not come yet (SYN_RECEIVED);
 * - the **accept queue** holds connections that completed the handshake (ESTABLISHED) and wait
 *   for the program's accept().
 *
 * `listen(fd, backlog)` bounds the accept queue. Like Linux, the queue counts as full only when
 * it holds *more* than `backlog` connections (so `listen(fd, 1)` lets two complete connections
 * wait). When it is full, Linux (with its default tcp_abort_on_overflow = 0) does not refuse new
 * clients with RST; it stays silent, so that a client retries after its RTO, by which time the
 * program may have accepted some: a new SYN is dropped (counted in ListenOverflows and
 * ListenDrops), and so is the final ACK of a handshake that cannot enter the queue (the
 * connection stays in SYN_RECEIVED and the SYN-ACK is retransmitted, which makes the client ACK
 * again).
 *
 * The SYN queue holds at most max(backlog, SYN_QUEUE_MIN) connections; a SYN beyond that is
 * dropped (ListenDrops). Linux bounds it by the backlog but, with tcp_syncookies=1 (its
 * default), answers SYNs beyond it with SYN cookies instead of dropping them; socklab has no
 * cookies and gets the same outside behaviour, for any reasonable load, from a larger queue.
 */
import { NotImplemented, type SockAddr } from '../../harness/contract';
import { ListenQueue, type TcpConnection } from './connection';
import { type TcpSegment } from './segment';

/** The largest backlog: Linux clamps listen()'s backlog to net.core.somaxconn (4096); a negative one means that too. */
export const SOMAXCONN = 4096;
/** The SYN queue holds at least this many half-open connections (Linux's smallest tcp_max_syn_backlog). */
export const SYN_QUEUE_MIN = 128;

/**
 * Start listening. An unbound socket is bound to an ephemeral port first (as on Linux). Calling
 * listen() again on a listener only changes its backlog.
 *
 * @throws SocketError EINVAL if the socket is connected or connecting; EADDRINUSE if another
 *   socket already listens on an overlapping address of the port.
 */
export function listen(socket: TcpConnection, backlog: number): void {
  // TODO(m2): listen (EINVAL when connected, automatic bind, EADDRINUSE for a second listener, the backlog)
  void socket;
  void backlog;
  throw new NotImplemented('m2', 'listen (EINVAL when connected, automatic bind, EADDRINUSE for a second listener, the backlog)');
}

/**
 * A segment from `remote` to `local` that belongs to no connection reached `listener`
 * (RFC 9293 §3.10.7.2). A RST is ignored; an ACK is answered with RST (it belongs to a
 * connection this host does not know); a SYN starts a new connection in SYN_RECEIVED, unless
 * the queues are full (see the top of this file). Anything else is dropped.
 */
export function listenInput(listener: TcpConnection, segment: TcpSegment, local: SockAddr, remote: SockAddr): void {
  // TODO(m2): handle a segment arriving at a listener (RST, ACK, SYN; SYN queue and accept-queue overflow)
  void listener;
  void segment;
  void local;
  void remote;
  throw new NotImplemented('m2', 'handle a segment arriving at a listener (RST, ACK, SYN; SYN queue and accept-queue overflow)');
}

/** Whether the accept queue is full: Linux lets it hold backlog + 1 connections. */
export function acceptQueueFull(queue: ListenQueue): boolean {
  // TODO(m2): decide whether the accept queue is full (Linux: more than backlog connections)
  void queue;
  throw new NotImplemented('m2', 'decide whether the accept queue is full (Linux: more than backlog connections)');
}

/**
 * The handshake of `child`, a connection its listener created, is complete: move it from the
 * SYN queue to the accept queue. A connection opened with connect() (simultaneous open) has no
 * listener and needs nothing.
 *
 * @returns false when the accept queue is full: the caller drops the ACK (see the top of this file).
 */
export function completePassiveOpen(child: TcpConnection): boolean {
  // TODO(m2): move a connection that completed its handshake to the accept queue (or drop its ACK when the queue is full)
  void child;
  throw new NotImplemented('m2', 'move a connection that completed its handshake to the accept queue (or drop its ACK when the queue is full)');
}

/**
 * Take the oldest connection from the accept queue: it is the program's from now on, behind a new
 * socket (socket.ts).
 * @throws SocketError EINVAL when the socket is not listening; EAGAIN when the queue is empty.
 */
export function accept(listener: TcpConnection): TcpConnection {
  // TODO(m2): accept (EINVAL when not listening, EAGAIN when the accept queue is empty)
  void listener;
  throw new NotImplemented('m2', 'accept (EINVAL when not listening, EAGAIN when the accept queue is empty)');
}
