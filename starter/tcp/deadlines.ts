// Generated from reference/tcp/deadlines.ts by `npm run starter:build`. This file is yours now: edit it freely.

/**
 * Starting and stopping a connection's timers. Each is a deadline the connection keeps (the
 * retransmission timer's in its RetransmitTimer, the others in the TCB), and the kernel's set of
 * connections with a timer running (TcpTimers, in timers.ts) is told of each one started.
 *
 * The sender, the receiver and the state transitions start and stop timers, and what a timer does
 * when it fires calls back into them: so starting and stopping is here, below them all, and
 * firing is in timers.ts, above them.
 */
import type { TcpConnection } from './connection';

/** Maximum Segment Lifetime: how long a segment may survive in the network (Linux's TIME_WAIT of 60 s is 2·MSL). */
export const TCP_MSL_MS = 30_000;
/** How long TIME_WAIT lasts: 2·MSL, so that every old duplicate of the connection has died (RFC 9293 §3.4.2). */
export const TCP_TIME_WAIT_MS = 2 * TCP_MSL_MS;
/** How long an orphaned connection may wait in FIN_WAIT_2 for the peer's FIN (Linux's tcp_fin_timeout). */
export const TCP_FIN_WAIT_2_TIMEOUT_MS = 60_000;

/** Stop every timer of `socket`'s connection. */
export function stopTimers(socket: TcpConnection): void {
  const tcb = socket.tcb;
  tcb.retransmit.stop();
  tcb.closeDeadline = undefined;
  tcb.delayedAckDeadline = undefined;
  tcb.persistDeadline = undefined;
}

/** The earliest timer of `socket`'s connection, or undefined when none runs. */
export function connectionDeadline(socket: TcpConnection): number | undefined {
  const { retransmit, closeDeadline, delayedAckDeadline, persistDeadline } = socket.tcb;
  const running = [retransmit.deadline, closeDeadline, delayedAckDeadline, persistDeadline].filter((deadline) => deadline !== undefined);
  return running.length === 0 ? undefined : Math.min(...running);
}

/** Note that `socket` has (re)started one of its timers, so that the kernel asks for its deadline. */
export function watchTimers(socket: TcpConnection): void {
  socket.timers.watch(socket);
}

/** (Re)start the retransmission timer: it fires one RTO from now. */
export function startRetransmitTimer(socket: TcpConnection): void {
  socket.tcb.retransmit.start(socket.host.now());
  watchTimers(socket);
}

/** Start the close timer: the connection closes for good `ms` from now (TIME_WAIT, orphaned FIN_WAIT_2). */
export function startCloseTimer(socket: TcpConnection, ms: number): void {
  socket.tcb.closeDeadline = socket.host.now() + ms;
  watchTimers(socket);
}

/** Start the delayed-ACK timer: the ACK we owe goes out `ms` from now, unless a segment carries it first. */
export function startDelayedAckTimer(socket: TcpConnection, ms: number): void {
  socket.tcb.delayedAckDeadline = socket.host.now() + ms;
  watchTimers(socket);
}
