// Generated from reference/tcp/state.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * The transitions that begin and end a connection's life, which several events share: the
 * handshake completing, entering TIME_WAIT, and reaching CLOSED (by an orderly close, a reset,
 * a timeout, or the end of TIME_WAIT).
 */
import { NotImplemented, type Errno } from '../../harness/contract';
import type { TcpConnection } from './connection';

/**
 * The handshake is complete. A program that closed or shut down sending during the handshake
 * has a FIN waiting: then the connection goes on to FIN_WAIT_1 at once (RFC 9293 §3.10.4).
 */
export function enterEstablished(socket: TcpConnection): void {
  // TODO(m2): enter ESTABLISHED (or FIN_WAIT_1 when a FIN is already queued)
  void socket;
  throw new NotImplemented('m2', 'enter ESTABLISHED (or FIN_WAIT_1 when a FIN is already queued)');
}

/**
 * Both FINs are sent and acknowledged, and we sent the last ACK. Wait 2·MSL before forgetting
 * the connection: if that ACK is lost, the peer retransmits its FIN and we must still be there
 * to acknowledge it; and no old segment of this connection may reach a new one with the same
 * 4-tuple (RFC 9293 §3.4.2, §3.6).
 */
export function enterTimeWait(socket: TcpConnection): void {
  // TODO(m2): enter TIME_WAIT (stop retransmitting, close after 2·MSL)
  void socket;
  throw new NotImplemented('m2', 'enter TIME_WAIT (stop retransmitting, close after 2·MSL)');
}

/**
 * Our FIN is acknowledged in FIN_WAIT_1: wait in FIN_WAIT_2 for the peer's FIN. A program that
 * only shut down sending may wait as long as it likes (the peer may still send data); an
 * orphan waits at most {@link TCP_FIN_WAIT_2_TIMEOUT_MS}, as on Linux, so that a peer that never
 * closes cannot keep it forever.
 */
export function enterFinWait2(socket: TcpConnection): void {
  // TODO(m2): enter FIN_WAIT_2 (an orphan waits at most 60 s for the peer's FIN)
  void socket;
  throw new NotImplemented('m2', 'enter FIN_WAIT_2 (an orphan waits at most 60 s for the peer\'s FIN)');
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
  // TODO(m2): enter CLOSED (count, stop the timers, leave the queues, release the port of an orphan)
  void socket;
  void error;
  throw new NotImplemented('m2', 'enter CLOSED (count, stop the timers, leave the queues, release the port of an orphan)');
}
