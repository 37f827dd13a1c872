/**
 * The transitions that begin and end a connection's life, which several events share: the
 * handshake completing, entering TIME_WAIT, and reaching CLOSED (by an orderly close, a reset,
 * a timeout, or the end of TIME_WAIT).
 */
import type { Errno } from '../../harness/contract';
import type { TcpConnection } from './connection';
import { startCloseTimer, stopTimers, TCP_FIN_WAIT_2_TIMEOUT_MS, TCP_TIME_WAIT_MS } from './deadlines';
import { measureRtt } from './rtt';

/**
 * The handshake is complete. A program that closed or shut down sending during the handshake
 * has a FIN waiting: then the connection goes on to FIN_WAIT_1 at once (RFC 9293 §3.10.4).
 */
export function enterEstablished(socket: TcpConnection): void {
  // @solution m2 begin: enter ESTABLISHED (or FIN_WAIT_1 when a FIN is already queued)
  const tcb = socket.tcb;
  measureRtt(tcb, tcb.sndUna, socket.host.now());
  tcb.retransmit.stop();
  tcb.retransmit.reset();
  tcb.state = tcb.finQueued ? 'FIN_WAIT_1' : 'ESTABLISHED';
  // @solution end
}

/**
 * Both FINs are sent and acknowledged, and we sent the last ACK. Wait 2·MSL before forgetting
 * the connection: if that ACK is lost, the peer retransmits its FIN and we must still be there
 * to acknowledge it; and no old segment of this connection may reach a new one with the same
 * 4-tuple (RFC 9293 §3.4.2, §3.6).
 */
export function enterTimeWait(socket: TcpConnection): void {
  // @solution m2 begin: enter TIME_WAIT (stop retransmitting, close after 2·MSL)
  socket.tcb.state = 'TIME_WAIT';
  socket.tcb.retransmit.stop();
  startCloseTimer(socket, TCP_TIME_WAIT_MS);
  // @solution end
}

/**
 * Our FIN is acknowledged in FIN_WAIT_1: wait in FIN_WAIT_2 for the peer's FIN. A program that
 * only shut down sending may wait as long as it likes (the peer may still send data); an
 * orphan waits at most {@link TCP_FIN_WAIT_2_TIMEOUT_MS}, as on Linux, so that a peer that never
 * closes cannot keep it forever.
 */
export function enterFinWait2(socket: TcpConnection): void {
  // @solution m2 begin: enter FIN_WAIT_2 (an orphan waits at most 60 s for the peer's FIN)
  socket.tcb.state = 'FIN_WAIT_2';
  if (socket.orphan) startCloseTimer(socket, TCP_FIN_WAIT_2_TIMEOUT_MS);
  // @solution end
}

/**
 * The connection is over: enter CLOSED, stop its timers, leave the listener's queues and the
 * table of connections, and report `error` (if any) to the program. Counts what Linux counts:
 * TcpEstabResets for a connection that goes straight from ESTABLISHED or CLOSE_WAIT to CLOSED,
 * TcpAttemptFails for a handshake that fails. An orphan is forgotten entirely: nobody can
 * refer to it anymore. Both directions count as shut down, so reads see end of file (after any
 * data still queued and the error) and sends fail.
 */
export function enterClosed(socket: TcpConnection, error?: Errno): void {
  // @solution m2 begin: enter CLOSED (count, stop the timers, leave the queues, release the port of an orphan)
  const tcb = socket.tcb;
  const counters = socket.host.counters;
  if (tcb.state === 'ESTABLISHED' || tcb.state === 'CLOSE_WAIT') counters.TcpEstabResets++;
  if (tcb.state === 'SYN_SENT' || tcb.state === 'SYN_RECEIVED') counters.TcpAttemptFails++;
  tcb.state = 'CLOSED';
  stopTimers(socket);
  tcb.ackPending = false;
  tcb.sendShut = true;
  tcb.receiveShut = true;
  tcb.sendQueue.clear();
  tcb.outOfOrder.clear();
  if (error) socket.pendingError = error;
  socket.leaveListenQueue();
  socket.ports.removeConnection(socket);
  if (socket.orphan) socket.ports.release(socket);
  // @solution end
}
