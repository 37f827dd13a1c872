/**
 * Measuring round-trip times for the retransmission timer (RFC 6298 §3): one segment at a time is
 * timed, from when it is sent until an ACK covers its last byte. By Karn's rule a retransmission
 * ends the measurement: an ACK after a retransmission cannot tell which copy it answers, so it
 * gives no sample.
 */
import { seqLeq } from './seq';
import type { Tcb } from './tcb';

/** A segment ending at `end` (exclusive) was sent for the first time at `now`: time it, unless one is timed already. */
export function timeSegment(tcb: Tcb, end: number, now: number): void {
  // @solution m3 begin: start timing a segment (one at a time)
  if (tcb.timedSegment === undefined) tcb.timedSegment = { end, sentAt: now };
  // @solution end
}

/** Something was retransmitted: no sample from the segment being timed (Karn's rule). */
export function abandonRttMeasurement(tcb: Tcb): void {
  // @solution m3 begin: Karn's rule (a retransmission ends the measurement)
  tcb.timedSegment = undefined;
  // @solution end
}

/** Everything before `ack` is acknowledged at `now`: if that covers the timed segment, feed its round trip to the timer. */
export function measureRtt(tcb: Tcb, ack: number, now: number): void {
  // @solution m3 begin: sample the round-trip time when the timed segment is acknowledged
  const timed = tcb.timedSegment;
  if (timed === undefined || !seqLeq(timed.end, ack)) return;
  tcb.retransmit.sample(now - timed.sentAt);
  tcb.timedSegment = undefined;
  // @solution end
}
