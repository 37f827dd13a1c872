// Generated from reference/tcp/tcb.ts by `npm run starter:build`. This file is yours now: edit it freely.

/**
 * The state a TCP socket keeps: the Transmission Control Block of its connection (RFC 9293
 * §3.3.1), and, for a listening socket, its two queues.
 *
 * A socket gets a fresh TCB for every connection attempt, so that nothing of a failed attempt
 * leaks into the next one.
 */
import type { TcpState } from '../../harness/contract';
import { ByteQueue } from './byte-queue';
import { RetransmitTimer } from './retransmit-timer';
import type { TcpSocket } from './socket';

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
  /** Bytes that arrived in order and wait for recv. (Milestone 3 adds a queue for out-of-order data.) */
  readonly receiveQueue = new ByteQueue();

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
   * We owe the peer an ACK (data or a FIN arrived). Sent at the end of processing the segment,
   * unless a data segment carried it first. (Milestone 3 may delay it: RFC 9293 §3.8.6.3.)
   */
  ackPending = false;

  /** The retransmission timer. */
  readonly retransmit = new RetransmitTimer();
  /**
   * When a connection that is only waiting for time to pass closes for good: the end of
   * TIME_WAIT, or of an orphaned FIN_WAIT_2. Undefined when no such timer runs.
   */
  closeDeadline: number | undefined = undefined;
  /** Segments retransmitted over the connection's life (tcpInfo's `retransmits`). */
  retransmittedSegments = 0;
  /**
   * When we last answered an out-of-window segment or sent a challenge ACK; such ACKs are rate
   * limited, so that two hosts cannot keep each other busy with them (RFC 5961 §7).
   */
  lastRateLimitedAckAt: number | undefined = undefined;
}

/** A listening socket's queues (Linux's request queue and accept queue). */
export class ListenQueue {
  /** Connections whose handshake is under way (SYN received, SYN-ACK sent): the "SYN backlog". */
  readonly synQueue = new Set<TcpSocket>();
  /** Connections that are ESTABLISHED and wait for accept, oldest first (a Set keeps insertion order). */
  readonly acceptQueue = new Set<TcpSocket>();

  /** @param backlog - listen()'s backlog: bounds the accept queue (see listen.ts). */
  constructor(public backlog: number) {}
}
