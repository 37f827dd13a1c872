// Generated from reference/tcp/ack.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * The ACK field of an acceptable segment (RFC 9293 §3.10.7.4, "fifth, check the ACK field"):
 * it completes a passive handshake, frees acknowledged bytes, updates the send window, and
 * moves the closing states on once our FIN is acknowledged.
 *
 * Milestone 3 measures round-trip times in {@link acknowledge}; milestone 4 tells congestion
 * control (congestion.ts) of each ACK of new data there, and of each duplicate ACK.
 */
import type { TcpConnection } from './connection';
import type { TcpSegment } from './segment';
import type { Tcb } from './tcb';
import { NotImplemented } from '../../harness/contract';

/**
 * Process the ACK of `segment` (its ACK bit is set; its sequence number was found acceptable).
 *
 * @returns whether to go on with the segment's data and FIN: false when it was dropped, or the
 *   connection closed.
 */
export function processAck(socket: TcpConnection, segment: TcpSegment): boolean {
  // TODO(m2): process the ACK field (SYN_RECEIVED → ESTABLISHED, SND.UNA, send window, our FIN acknowledged)
  void socket;
  void segment;
  throw new NotImplemented('m2', 'process the ACK field (SYN_RECEIVED → ESTABLISHED, SND.UNA, send window, our FIN acknowledged)');
}

/**
 * The peer acknowledged everything before `ack` (which is after SND.UNA): drop those bytes from
 * the send queue (making room for send()), advance SND.UNA, and restart the retransmission
 * timer for what is still unacknowledged (or stop it: everything is). New data got through, so
 * the backoff is over.
 */
export function acknowledge(socket: TcpConnection, ack: number): void {
  // TODO(m2): advance SND.UNA (free acknowledged bytes, restart or stop the retransmission timer)
  void socket;
  void ack;
  throw new NotImplemented('m2', 'advance SND.UNA (free acknowledged bytes, restart or stop the retransmission timer)');
}

/**
 * Take the window `segment` advertises as SND.WND, unless an older segment (by sequence number,
 * then by acknowledgment number) already told us a later one: segments may be reordered, and a
 * stale window must not replace a fresh one (RFC 9293 §3.10.7.4, SND.WL1 and SND.WL2).
 */
export function updateSendWindow(tcb: Tcb, segment: TcpSegment): void {
  // TODO(m2): update the send window (SND.WND, with the SND.WL1/SND.WL2 rule)
  void tcb;
  void segment;
  throw new NotImplemented('m2', 'update the send window (SND.WND, with the SND.WL1/SND.WL2 rule)');
}
