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
import { INADDR_ANY, SocketError, type SockAddr } from '../../harness/contract';
import { addressesOverlap } from '../ports';
import { ListenQueue, type TcpConnection } from './connection';
import { startRetransmitTimer } from './deadlines';
import { effectiveMss } from './mss';
import { chooseIsn } from './open';
import { sendResetFor, sendSyn } from './output';
import { seqAdd } from './seq';
import { hasFlag, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, type TcpSegment } from './segment';

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
  // @solution m2 begin: listen (EINVAL when connected, automatic bind, EADDRINUSE for a second listener, the backlog)
  if (!Number.isInteger(backlog)) throw new SocketError('EINVAL', `backlog must be an integer, not ${backlog}`);
  const limit = backlog < 0 || backlog > SOMAXCONN ? SOMAXCONN : backlog;
  const { state } = socket.tcb;
  if (socket.connectStatus !== 'unconnected' || (state !== 'CLOSED' && state !== 'LISTEN')) {
    throw new SocketError('EINVAL', `cannot listen in state ${state}`);
  }
  if (socket.listenQueue) {
    socket.listenQueue.backlog = limit;
    return;
  }
  if (!socket.isBound) socket.local = socket.ports.bind(socket, { address: INADDR_ANY, port: 0 });
  for (const other of socket.ports.listeners.get(socket.local.port) ?? []) {
    if (addressesOverlap(other.local.address, socket.local.address)) {
      throw new SocketError('EADDRINUSE', `${other.local.address}:${other.local.port} is already listening`);
    }
  }
  socket.listenQueue = new ListenQueue(limit);
  socket.tcb.state = 'LISTEN';
  socket.ports.addListener(socket);
  // @solution end
}

/**
 * A segment from `remote` to `local` that belongs to no connection reached `listener`
 * (RFC 9293 §3.10.7.2). A RST is ignored; an ACK is answered with RST (it belongs to a
 * connection this host does not know); a SYN starts a new connection in SYN_RECEIVED, unless
 * the queues are full (see the top of this file). Anything else is dropped.
 */
export function listenInput(listener: TcpConnection, segment: TcpSegment, local: SockAddr, remote: SockAddr): void {
  // @solution m2 begin: handle a segment arriving at a listener (RST, ACK, SYN; SYN queue and accept-queue overflow)
  const queue = listener.listenQueue;
  const counters = listener.host.counters;
  if (!queue || hasFlag(segment, TCP_RST)) return;
  if (hasFlag(segment, TCP_ACK)) {
    sendResetFor(listener.host, local, remote, segment);
    return;
  }
  // A SYN with FIN makes no sense; Linux drops it.
  if (!hasFlag(segment, TCP_SYN) || hasFlag(segment, TCP_FIN)) return;
  if (acceptQueueFull(queue)) {
    counters.ListenOverflows++;
    counters.ListenDrops++;
    return;
  }
  if (queue.synQueue.size >= Math.max(queue.backlog, SYN_QUEUE_MIN)) {
    counters.ListenDrops++;
    return;
  }
  const child = listener.spawnChild(local, remote);
  const tcb = child.tcb;
  tcb.irs = segment.seq;
  tcb.rcvNxt = seqAdd(segment.seq, 1);
  tcb.iss = chooseIsn(child.host);
  tcb.sndUna = tcb.iss;
  tcb.sndNxt = seqAdd(tcb.iss, 1);
  tcb.sndWnd = segment.window;
  tcb.sndWl1 = segment.seq;
  tcb.sndWl2 = tcb.iss;
  tcb.mss = effectiveMss(child, segment.options.mss);
  tcb.state = 'SYN_RECEIVED';
  queue.synQueue.add(child);
  child.ports.addConnection(child, remote);
  counters.TcpPassiveOpens++;
  sendSyn(child);
  startRetransmitTimer(child);
  // @solution end
}

/** Whether the accept queue is full: Linux lets it hold backlog + 1 connections. */
export function acceptQueueFull(queue: ListenQueue): boolean {
  // @solution m2 begin: decide whether the accept queue is full (Linux: more than backlog connections)
  return queue.acceptQueue.size > queue.backlog;
  // @solution end
}

/**
 * The handshake of `child`, a connection its listener created, is complete: move it from the
 * SYN queue to the accept queue. A connection opened with connect() (simultaneous open) has no
 * listener and needs nothing.
 *
 * @returns false when the accept queue is full: the caller drops the ACK (see the top of this file).
 */
export function completePassiveOpen(child: TcpConnection): boolean {
  // @solution m2 begin: move a connection that completed its handshake to the accept queue (or drop its ACK when the queue is full)
  const queue = child.listener?.listenQueue;
  if (!queue) return true;
  if (acceptQueueFull(queue)) {
    child.host.counters.ListenOverflows++;
    child.host.counters.ListenDrops++;
    return false;
  }
  queue.synQueue.delete(child);
  queue.acceptQueue.add(child);
  return true;
  // @solution end
}

/**
 * Take the oldest connection from the accept queue: it is the program's from now on, behind a new
 * socket (socket.ts).
 * @throws SocketError EINVAL when the socket is not listening; EAGAIN when the queue is empty.
 */
export function accept(listener: TcpConnection): TcpConnection {
  // @solution m2 begin: accept (EINVAL when not listening, EAGAIN when the accept queue is empty)
  const queue = listener.listenQueue;
  if (!queue) throw new SocketError('EINVAL', 'the socket is not listening');
  const [child] = queue.acceptQueue;
  if (!child) throw new SocketError('EAGAIN', 'no connection is waiting');
  queue.acceptQueue.delete(child);
  child.listener = undefined;
  child.orphan = false;
  return child;
  // @solution end
}
