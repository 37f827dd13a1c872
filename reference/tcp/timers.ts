/**
 * TCP's timers, and how the kernel runs them.
 *
 * The kernel never sets a real timer: the harness asks `nextDeadline()` and calls `tick()` once
 * that time has come. So each connection keeps the times at which it wants to be woken (its
 * retransmission timer, and the close timer of TIME_WAIT or an orphaned FIN_WAIT_2; deadlines.ts
 * starts and stops them), and {@link TcpTimers} keeps the set of connections that have one
 * running: the kernel's next deadline is the earliest of theirs.
 *
 * Milestone 3 adds the delayed-ACK timer and the persist timer (zero-window probes): each is one
 * more deadline in connectionDeadline (deadlines.ts) and one more case in {@link runDueTimers}.
 * Milestone 5's thousands of idle connections cost nothing here: only connections with a timer
 * running are in the set.
 *
 * A timer that fires calls into the sender, the persist timer and the close, which start and stop
 * timers themselves: so firing them is here, above all of those, and starting and stopping them is
 * in deadlines.ts, below.
 */
import { MinHeap, NotImplemented } from '../../harness/contract';
import { onRetransmissionTimeout } from './congestion';
import type { TcpConnection, TimerWatch } from './connection';
import { connectionDeadline, startRetransmitTimer, stopTimers } from './deadlines';
import { sendAck } from './output';
import { onPersistTimeout } from './persist';
import { TCP_DATA_RETRIES, TCP_FALLBACK_RTO_MS, TCP_SYN_RETRIES, TCP_SYNACK_RETRIES } from './retransmit-timer';
import { enterClosed } from './state';
import { retransmitOldest } from './transmit';

/** A connection's earliest deadline as it was when the connection was scheduled. */
interface Scheduled {
  readonly deadline: number;
  /** Breaks ties between connections due at the same instant: the one scheduled first fires first. */
  readonly order: number;
  readonly socket: TcpConnection;
}

/**
 * The connections of one kernel that have a timer running, earliest deadline first: with ten
 * thousand connections each retransmitting its SYN, the next deadline must not cost a look at
 * each of them. A connection's entry goes stale when its timers change; a stale entry is
 * dropped, or scheduled again at the connection's new deadline, when it comes to the top.
 */
export class TcpTimers implements TimerWatch {
  readonly #queue = new MinHeap<Scheduled>((a, b) => a.deadline < b.deadline || (a.deadline === b.deadline && a.order < b.order));
  /** Each connection's one live entry in the queue. */
  readonly #entries = new Map<TcpConnection, Scheduled>();
  #scheduled = 0;

  /** Note that `socket` has (re)started a timer. */
  watch(socket: TcpConnection): void {
    const deadline = connectionDeadline(socket);
    if (deadline === undefined) this.#entries.delete(socket);
    else if (this.#entries.get(socket)?.deadline !== deadline) {
      const entry = { deadline, order: this.#scheduled++, socket };
      this.#entries.set(socket, entry);
      this.#queue.push(entry);
    }
  }

  /** The earliest deadline of any connection, or undefined when no timer runs. */
  nextDeadline(): number | undefined {
    for (let top = this.#queue.peek(); top !== undefined; top = this.#queue.peek()) {
      const live = this.#entries.get(top.socket) === top;
      if (live && connectionDeadline(top.socket) === top.deadline) return top.deadline;
      this.#queue.pop();
      // A timer stopped, or restarted later, since the entry was made.
      if (live) this.watch(top.socket);
    }
    return undefined;
  }

  /** Fire every timer that is due at `now`. */
  tick(now: number): void {
    const due: TcpConnection[] = [];
    for (let deadline = this.nextDeadline(); deadline !== undefined && deadline <= now; deadline = this.nextDeadline()) {
      const { socket } = this.#queue.pop()!;
      this.#entries.delete(socket);
      due.push(socket);
    }
    for (const socket of due) {
      this.#fire(socket, now);
      this.watch(socket);
    }
  }

  #fire(socket: TcpConnection, now: number): void {
    // A timer may change what the socket's program waits for (a retransmission that gives up
    // fails the connection): the kernel rechecks its readiness once the tick is done.
    socket.host.touch(socket.waitQueue);
    try {
      runDueTimers(socket, now);
    } catch (error) {
      if (error instanceof NotImplemented) throw error;
      // A bug must cost this connection's timers, not the host: a timer left due would be fired
      // again and again at the same instant.
      stopTimers(socket);
    }
  }
}

/** Fire the timers of `socket` that are due at `now`. */
export function runDueTimers(socket: TcpConnection, now: number): void {
  // @solution m2 begin: fire a connection's due timers (close at the end of TIME_WAIT or FIN_WAIT_2, retransmit)
  const tcb = socket.tcb;
  if (tcb.closeDeadline !== undefined && tcb.closeDeadline <= now) {
    enterClosed(socket);
    return;
  }
  if (tcb.delayedAckDeadline !== undefined && tcb.delayedAckDeadline <= now) sendAck(socket);
  if (tcb.retransmit.deadline !== undefined && tcb.retransmit.deadline <= now) onRetransmitTimeout(socket);
  if (tcb.persistDeadline !== undefined && tcb.persistDeadline <= now) onPersistTimeout(socket);
  // @solution end
}

/**
 * The retransmission timer fired: nothing new was acknowledged for one RTO. Give up once the
 * state's retry limit is reached; otherwise double the RTO, resend the oldest unacknowledged
 * segment (the SYN, the SYN-ACK, or data and FIN), and wait again.
 */
export function onRetransmitTimeout(socket: TcpConnection): void {
  // @solution m2 begin: on a retransmission timeout, give up after the retry limit (ETIMEDOUT) or back off and retransmit
  const tcb = socket.tcb;
  if (tcb.retransmit.backoffs >= retryLimit(socket)) {
    // A listener's half-open connection just disappears (the client never learns of it, as on
    // Linux); a connection a program waits on fails with ETIMEDOUT.
    enterClosed(socket, socket.listener ? undefined : 'ETIMEDOUT');
    return;
  }
  tcb.retransmit.backOff();
  if (tcb.state === 'SYN_SENT' || tcb.state === 'SYN_RECEIVED') tcb.retransmit.baseRto = TCP_FALLBACK_RTO_MS;
  else onRetransmissionTimeout(socket);
  retransmitOldest(socket);
  startRetransmitTimer(socket);
  // @solution end
}

/** How many retransmissions `socket`'s connection gets in its current state before it gives up. */
export function retryLimit(socket: TcpConnection): number {
  // @solution m2 begin: the retry limit of each state (SYN, SYN-ACK, data and FIN)
  switch (socket.tcb.state) {
    case 'SYN_SENT':
      return TCP_SYN_RETRIES;
    case 'SYN_RECEIVED':
      return socket.listener ? TCP_SYNACK_RETRIES : TCP_SYN_RETRIES;
    default:
      return TCP_DATA_RETRIES;
  }
  // @solution end
}
