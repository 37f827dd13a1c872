// Generated from reference/tcp/rtt.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * Measuring round-trip times for the retransmission timer (RFC 6298 §3): one segment at a time is
 * timed, from when it is sent until an ACK covers its last byte. By Karn's rule a retransmission
 * ends the measurement: an ACK after a retransmission cannot tell which copy it answers, so it
 * gives no sample.
 */
import type { Tcb } from './tcb';
import { NotImplemented } from '../../harness/contract';

/** A segment ending at `end` (exclusive) was sent for the first time at `now`: time it, unless one is timed already. */
export function timeSegment(tcb: Tcb, end: number, now: number): void {
  // TODO(m3): start timing a segment (one at a time)
  void tcb;
  void end;
  void now;
  throw new NotImplemented('m3', 'start timing a segment (one at a time)');
}

/** Something was retransmitted: no sample from the segment being timed (Karn's rule). */
export function abandonRttMeasurement(tcb: Tcb): void {
  // TODO(m3): Karn's rule (a retransmission ends the measurement)
  void tcb;
  throw new NotImplemented('m3', 'Karn\'s rule (a retransmission ends the measurement)');
}

/** Everything before `ack` is acknowledged at `now`: if that covers the timed segment, feed its round trip to the timer. */
export function measureRtt(tcb: Tcb, ack: number, now: number): void {
  // TODO(m3): sample the round-trip time when the timed segment is acknowledged
  void tcb;
  void ack;
  void now;
  throw new NotImplemented('m3', 'sample the round-trip time when the timed segment is acknowledged');
}
