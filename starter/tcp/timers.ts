// Generated from reference/tcp/timers.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * TCP's timers, and how the kernel runs them.
 *
 * The kernel never sets a real timer: the harness asks `nextDeadline()` and calls `tick()` once
 * that time has come. So each connection keeps the times at which it wants to be woken (its
 * retransmission timer, and the close timer of TIME_WAIT or an orphaned FIN_WAIT_2), and
 * {@link TcpTimers} keeps the set of connections that have one running: the kernel's next
 * deadline is the earliest of theirs.
 *
 * Milestone 3 adds the delayed-ACK timer and the persist timer (zero-window probes): each is one
 * more deadline in {@link connectionDeadline} and one more case in {@link runDueTimers}.
 * Milestone 5's thousands of idle connections cost nothing here: only connections with a timer
 * running are in the set.
 */
import { NotImplemented } from '../../harness/contract';
import type { TcpSocket } from './socket';

/** Maximum Segment Lifetime: how long a segment may survive in the network (Linux's TIME_WAIT of 60 s is 2·MSL). */
export const TCP_MSL_MS = 30_000;
/** How long TIME_WAIT lasts: 2·MSL, so that every old duplicate of the connection has died (RFC 9293 §3.4.2). */
export const TCP_TIME_WAIT_MS = 2 * TCP_MSL_MS;
/** How long an orphaned connection may wait in FIN_WAIT_2 for the peer's FIN (Linux's tcp_fin_timeout). */
export const TCP_FIN_WAIT_2_TIMEOUT_MS = 60_000;
/** Retransmissions of a SYN before connect fails with ETIMEDOUT (Linux's tcp_syn_retries): 1+2+4+…+32 s, and 64 s more. */
export const TCP_SYN_RETRIES = 6;
/** Retransmissions of a SYN-ACK before a listener gives up on a half-open connection (Linux's tcp_synack_retries). */
export const TCP_SYNACK_RETRIES = 5;
/** Retransmissions of data or a FIN before the connection fails with ETIMEDOUT (Linux's tcp_retries2). */
export const TCP_DATA_RETRIES = 15;

/** The connections of one kernel that have a timer running. */
export class TcpTimers {
  readonly #running = new Set<TcpSocket>();

  /** Note that `socket` has (re)started a timer. */
  watch(socket: TcpSocket): void {
    this.#running.add(socket);
  }

  /** The earliest deadline of any connection, or undefined when no timer runs. */
  nextDeadline(): number | undefined {
    let earliest: number | undefined;
    for (const socket of this.#running) {
      const deadline = connectionDeadline(socket);
      if (deadline === undefined) this.#running.delete(socket);
      else if (earliest === undefined || deadline < earliest) earliest = deadline;
    }
    return earliest;
  }

  /** Fire every timer that is due at `now`. */
  tick(now: number): void {
    for (const socket of [...this.#running]) {
      const deadline = connectionDeadline(socket);
      if (deadline === undefined) this.#running.delete(socket);
      else if (deadline <= now) this.#fire(socket, now);
    }
  }

  #fire(socket: TcpSocket, now: number): void {
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

/** Stop every timer of `socket`'s connection. */
export function stopTimers(socket: TcpSocket): void {
  const tcb = socket.tcb;
  tcb.retransmit.stop();
  tcb.closeDeadline = undefined;
  tcb.delayedAckDeadline = undefined;
  tcb.persistDeadline = undefined;
}

/** The earliest timer of `socket`'s connection, or undefined when none runs. */
export function connectionDeadline(socket: TcpSocket): number | undefined {
  const { retransmit, closeDeadline, delayedAckDeadline, persistDeadline } = socket.tcb;
  const running = [retransmit.deadline, closeDeadline, delayedAckDeadline, persistDeadline].filter((deadline) => deadline !== undefined);
  return running.length === 0 ? undefined : Math.min(...running);
}

/** Note that `socket` has (re)started one of its timers, so that the kernel asks for its deadline. */
export function watchTimers(socket: TcpSocket): void {
  socket.timers.watch(socket);
}

/** (Re)start the retransmission timer: it fires one RTO from now. */
export function startRetransmitTimer(socket: TcpSocket): void {
  socket.tcb.retransmit.start(socket.host.now());
  watchTimers(socket);
}

/** Start the close timer: the connection closes for good `ms` from now (TIME_WAIT, orphaned FIN_WAIT_2). */
export function startCloseTimer(socket: TcpSocket, ms: number): void {
  socket.tcb.closeDeadline = socket.host.now() + ms;
  watchTimers(socket);
}

/** Start the delayed-ACK timer: the ACK we owe goes out `ms` from now, unless a segment carries it first. */
export function startDelayedAckTimer(socket: TcpSocket, ms: number): void {
  socket.tcb.delayedAckDeadline = socket.host.now() + ms;
  watchTimers(socket);
}

/** Fire the timers of `socket` that are due at `now`. */
export function runDueTimers(socket: TcpSocket, now: number): void {
  // TODO(m2): fire a connection's due timers (close at the end of TIME_WAIT or FIN_WAIT_2, retransmit)
  void socket;
  void now;
  throw new NotImplemented('m2', 'fire a connection\'s due timers (close at the end of TIME_WAIT or FIN_WAIT_2, retransmit)');
}

/**
 * The retransmission timer fired: nothing new was acknowledged for one RTO. Give up once the
 * state's retry limit is reached; otherwise double the RTO, resend the oldest unacknowledged
 * segment (the SYN, the SYN-ACK, or data and FIN), and wait again.
 */
export function onRetransmitTimeout(socket: TcpSocket): void {
  // TODO(m2): on a retransmission timeout, give up after the retry limit (ETIMEDOUT) or back off and retransmit
  void socket;
  throw new NotImplemented('m2', 'on a retransmission timeout, give up after the retry limit (ETIMEDOUT) or back off and retransmit');
}

/** How many retransmissions `socket`'s connection gets in its current state before it gives up. */
export function retryLimit(socket: TcpSocket): number {
  // TODO(m2): the retry limit of each state (SYN, SYN-ACK, data and FIN)
  void socket;
  throw new NotImplemented('m2', 'the retry limit of each state (SYN, SYN-ACK, data and FIN)');
}
