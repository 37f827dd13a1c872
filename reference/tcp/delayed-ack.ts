/**
 * When to acknowledge data (RFC 9293 §3.8.6.3, RFC 1122 §4.2.3.2): an ACK may wait a little, so
 * that it can ride on data going the other way or cover a second segment, but at least every
 * second full-sized segment is acknowledged at once, and no ACK waits longer than
 * {@link TCP_DELAYED_ACK_MS}. Out-of-order data, the segment that fills a hole, and the FIN are
 * acknowledged at once (the sender needs those ACKs to recover); receive.ts decides those.
 */
import type { TcpConnection } from './connection';
import { startDelayedAckTimer } from './deadlines';
import { TCP_DEFAULT_MSS } from './tcb';

/** How long an ACK may wait (Linux's TCP_DELACK_MIN; RFC 9293 allows up to 500 ms). */
export const TCP_DELAYED_ACK_MS = 40;

/** In-order data of `length` bytes arrived: acknowledge it now (ackPending) if it is the second full-sized segment, else within 40 ms. */
export function acknowledgeInOrderData(socket: TcpConnection, length: number): void {
  // @solution m3 begin: delay the ACK of in-order data (at least every second full-sized segment, 40 ms at most)
  const tcb = socket.tcb;
  tcb.largestSegmentReceived = Math.max(tcb.largestSegmentReceived, length);
  // Full-sized: as long as the longest segment yet, and at least min(536, MSS), where Linux's
  // rcv_mss starts: on a path whose MSS is under 536, its segments are full-sized too.
  const fullSized = Math.max(tcb.largestSegmentReceived, Math.min(TCP_DEFAULT_MSS, tcb.mss));
  if (length >= fullSized) tcb.fullSegmentsUnacknowledged++;
  if (tcb.fullSegmentsUnacknowledged >= 2) tcb.ackPending = true;
  else if (tcb.delayedAckDeadline === undefined) startDelayedAckTimer(socket, TCP_DELAYED_ACK_MS);
  // @solution end
}
