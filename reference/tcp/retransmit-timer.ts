/**
 * The retransmission timer of one connection: when to resend what the peer has not
 * acknowledged, how long to wait the next time, and how many times to try before giving up.
 *
 * The timeout (RTO) starts at 1 s, the initial RTO of RFC 6298 §2.1, and doubles after every
 * timeout ("exponential backoff", RFC 6298 §5.5), so that a dead or congested path is probed
 * less and less often. An acknowledgment of new data brings it back to the base RTO: 1 s in
 * milestone 2; from milestone 3 on, an estimate from measured round-trip times (SRTT and RTTVAR,
 * RFC 6298 §2), fed by {@link RetransmitTimer.sample} (see rtt.ts for which segments are timed).
 */

/** The RTO before any round-trip time is known (RFC 6298 §2.1; Linux's TCP_TIMEOUT_INIT). */
export const TCP_INITIAL_RTO_MS = 1000;
/** The RTO never grows beyond this (RFC 6298 §2.5 allows a cap of at least 60 s; Linux's TCP_RTO_MAX). */
export const TCP_MAX_RTO_MS = 120_000;
/** The RTO never drops below this (the and Linux's TCP_RTO_MIN; RFC 6298 §2.4 suggests 1 s). */
export const TCP_MIN_RTO_MS = 200;
/** The base RTO once data flows after a handshake whose SYN was retransmitted and gave no RTT sample (RFC 6298 §5.7). */
export const TCP_FALLBACK_RTO_MS = 3000;
/** The clock granularity G of RFC 6298 §2: the simulator's and the wall clock's resolution is finer than 1 ms. */
export const TCP_CLOCK_GRANULARITY_MS = 1;

/** Retransmissions of a SYN before connect fails with ETIMEDOUT (Linux's tcp_syn_retries): 1+2+4+…+32 s, and 64 s more. */
export const TCP_SYN_RETRIES = 6;
/** Retransmissions of a SYN-ACK before a listener gives up on a half-open connection (Linux's tcp_synack_retries). */
export const TCP_SYNACK_RETRIES = 5;
/** Retransmissions of data or a FIN before the connection fails with ETIMEDOUT (Linux's tcp_retries2). */
export const TCP_DATA_RETRIES = 15;

/** One connection's retransmission timer. */
export class RetransmitTimer {
  /** When the timer fires (absolute ms, like `env.now()`), or undefined when it is not running. */
  deadline: number | undefined = undefined;
  /** The current timeout: how long after a (re)transmission the timer fires. */
  rto = TCP_INITIAL_RTO_MS;
  /** Timeouts in a row without an acknowledgment of anything new (Linux's icsk_retransmits). */
  backoffs = 0;
  /** What {@link reset} brings the RTO back to: the initial RTO until round-trip times are measured. */
  baseRto = TCP_INITIAL_RTO_MS;
  /** SRTT: the smoothed round-trip time in ms, undefined before the first sample. */
  srtt: number | undefined = undefined;
  /** RTTVAR: the round-trip time's mean deviation in ms. */
  rttvar = 0;

  /** Whether the timer is running. */
  get running(): boolean {
    return this.deadline !== undefined;
  }

  /** Run the timer from `now`: it fires one RTO later. */
  start(now: number): void {
    this.deadline = now + this.rto;
  }

  /** Stop the timer (everything sent is acknowledged, or the connection is over). */
  stop(): void {
    this.deadline = undefined;
  }

  /** The timer fired: wait twice as long the next time, up to {@link TCP_MAX_RTO_MS}. */
  backOff(): void {
    // @solution m2 begin: back off the retransmission timeout exponentially (double it, at most 120 s)
    this.backoffs += 1;
    this.rto = Math.min(this.rto * 2, TCP_MAX_RTO_MS);
    // @solution end
  }

  /** Something new was acknowledged: the path works, so forget the backoff. */
  reset(): void {
    this.backoffs = 0;
    this.rto = this.baseRto;
  }

  /**
   * A round-trip time was measured (`rttMs`, of a segment never retransmitted): update SRTT and
   * RTTVAR as RFC 6298 §2.2–2.3 says, and the base RTO from them, kept within
   * [{@link TCP_MIN_RTO_MS}, {@link TCP_MAX_RTO_MS}] (§2.4–2.5).
   */
  sample(rttMs: number): void {
    // @solution m3 begin: take an RTT sample (SRTT, RTTVAR and the base RTO of RFC 6298 §2)
    if (this.srtt === undefined) {
      this.srtt = rttMs;
      this.rttvar = rttMs / 2;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - rttMs);
      this.srtt = 0.875 * this.srtt + 0.125 * rttMs;
    }
    const rto = this.srtt + Math.max(TCP_CLOCK_GRANULARITY_MS, 4 * this.rttvar);
    this.baseRto = Math.min(Math.max(rto, TCP_MIN_RTO_MS), TCP_MAX_RTO_MS);
    // @solution end
  }
}
