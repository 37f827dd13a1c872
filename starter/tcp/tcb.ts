// Generated from reference/tcp/tcb.ts by `npm run starter:build`. This file is yours now: edit it freely.

/**
 * A connection's Transmission Control Block (RFC 9293 §3.3.1): the variables of its state.
 *
 * A socket gets a fresh TCB for every connection attempt, so that nothing of a failed attempt
 * leaks into the next one.
 */
import type { TcpState } from '../../harness/contract';
import { ByteQueue } from './byte-queue';
import { CongestionVariables } from './congestion-variables';
import { ReassemblyQueue } from './reassembly';
import { RetransmitTimer } from './retransmit-timer';

/**
 * The MSS a sender assumes when the peer's SYN announces none (RFC 9293 §3.7.1: 536 bytes, what
 * fits in the 576-byte datagram every IPv4 host must accept). Linux's TCP_MSS_DEFAULT.
 */
export const TCP_DEFAULT_MSS = 536;

/**
 * One connection's variables, named as RFC 9293 names them. The send sequence space:
 *
 * ```
 *      1         2          3          4
 * ----------|----------|----------|----------
 *        SND.UNA    SND.NXT    SND.UNA
 *                             +SND.WND
 * 1 - acknowledged   2 - sent, not yet acknowledged
 * 3 - may be sent    4 - beyond the peer's window
 * ```
 *
 * All sequence numbers are unsigned 32-bit values: compare them only with the functions of seq.ts.
 */
export class Tcb {
  /** Where the connection is in its life (RFC 9293 §3.3.2). */
  state: TcpState = 'CLOSED';

  /** ISS: our initial sequence number; our SYN occupies it. */
  iss = 0;
  /** SND.UNA: the oldest sequence number the peer has not acknowledged. */
  sndUna = 0;
  /** SND.NXT: the next sequence number to send. */
  sndNxt = 0;
  /** SND.WND: how many bytes, counted from SND.UNA, the peer lets us have in flight. */
  sndWnd = 0;
  /** SND.WL1: the sequence number of the segment that last updated SND.WND. */
  sndWl1 = 0;
  /** SND.WL2: the acknowledgment number of the segment that last updated SND.WND. */
  sndWl2 = 0;

  /** IRS: the peer's initial sequence number, from its SYN. */
  irs = 0;
  /** RCV.NXT: the next sequence number we expect from the peer (everything before it arrived). */
  rcvNxt = 0;

  /** The most data bytes we put in one segment: the peer's MSS, at most ours. */
  mss = TCP_DEFAULT_MSS;

  /** The bytes from SND.UNA on: first those sent and unacknowledged, then those not sent yet. */
  readonly sendQueue = new ByteQueue();
  /** Bytes that arrived in order and wait for recv. */
  readonly receiveQueue = new ByteQueue();
  /** Bytes that arrived beyond a gap, held until it is filled (milestone 3). */
  readonly outOfOrder = new ReassemblyQueue();
  /**
   * The right edge of the window we last advertised: RCV.NXT + RCV.WND as last sent. It never
   * moves left (RFC 9293 §3.8.6.2.2), and it moves right only by a worthwhile amount (see receive-window.ts).
   */
  advertisedEdge = 0;
  /** The sequence number just past the latest send()'s last byte: the segment that reaches it carries PSH. */
  pushSeq = 0;
  /**
   * The sequence number just past the last segment we sent with less than an MSS of data (BSD's
   * snd_sml): while that one is unacknowledged, Nagle's algorithm holds the next small segment.
   * Before any, the ISN, which no ACK can leave unacknowledged (a fixed 0 would lie between
   * SND.UNA and SND.NXT when the first segment's numbers wrap past 2^32).
   */
  get smallSegmentEnd(): number {
    return this.#smallSegmentEnd ?? this.iss;
  }
  set smallSegmentEnd(end: number) {
    this.#smallSegmentEnd = end;
  }
  #smallSegmentEnd: number | undefined;

  /** Sending is shut down (shutdown 'wr', close, or the connection is over): send fails with EPIPE. */
  sendShut = false;
  /**
   * Nothing more will be read: the peer's FIN arrived, or shutdown 'rd', or the connection is
   * over. Once the receive queue is empty, recv returns end of file. (Linux's RCV_SHUTDOWN.)
   */
  receiveShut = false;
  /** A FIN is to follow the queued data (after shutdown 'wr' or close). */
  finQueued = false;
  /** The FIN has been sent: it occupies the sequence number just before SND.NXT. */
  finSent = false;
  /**
   * We owe the peer an ACK now (data or a FIN arrived). Sent at the end of processing the segment,
   * unless a data segment carried it first.
   */
  ackPending = false;
  /** When a delayed ACK is due (RFC 9293 §3.8.6.3; milestone 3), or undefined when none is owed. */
  delayedAckDeadline: number | undefined = undefined;
  /** Full-sized segments that arrived since we last sent an ACK: the second one is acknowledged at once. */
  fullSegmentsUnacknowledged = 0;
  /** The largest segment the peer has sent us (0: none yet): with the MSS, what counts as full-sized (Linux's rcv_mss; delayed-ack.ts). */
  largestSegmentReceived = 0;

  /** The retransmission timer. */
  readonly retransmit = new RetransmitTimer();
  /** The segment whose round trip is being timed: its end and when it was sent (one at a time; see rtt.ts). */
  timedSegment: { end: number; sentAt: number } | undefined = undefined;
  /** When the next zero-window probe is due (the persist timer), or undefined when it is not running. */
  persistDeadline: number | undefined = undefined;
  /** Zero-window probes sent since the peer's window closed: each waits twice as long as the one before. */
  zeroWindowProbes = 0;
  /** Zero-window probes sent in a row with no segment from the peer in between: too many, and the connection fails. */
  unansweredProbes = 0;
  /**
   * When a connection that is only waiting for time to pass closes for good: the end of
   * TIME_WAIT, or of an orphaned FIN_WAIT_2. Undefined when no such timer runs.
   */
  closeDeadline: number | undefined = undefined;
  /** Segments retransmitted over the connection's life (tcpInfo's `retransmits`). */
  retransmittedSegments = 0;
  /** Congestion control's cwnd, ssthresh and recovery (milestone 4; congestion.ts). */
  readonly congestion = new CongestionVariables();
  /**
   * When we last answered an out-of-window segment or sent a challenge ACK; such ACKs are rate
   * limited, so that two hosts cannot keep each other busy with them (RFC 5961 §7).
   */
  lastRateLimitedAckAt: number | undefined = undefined;
}
