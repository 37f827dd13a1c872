// Generated from reference/tcp/retransmit-timer.ts by `npm run starter:build`. This file is yours now: edit it freely.
// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its
// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.

/**
 * The retransmission timer of one connection: when to resend what the peer has not
 * acknowledged, and how long to wait the next time.
 *
 * Milestone 2 keeps it simple: the timeout (RTO) starts at 1 s, the initial RTO of RFC 6298
 * §2.1, and doubles after every timeout ("exponential backoff", RFC 6298 §5.5), so that a dead
 * or congested path is probed less and less often. An acknowledgment of new data brings it back
 * to 1 s.
 *
 * Milestone 3 replaces the fixed 1 s with an estimate from measured round-trip times (SRTT and
 * RTTVAR, RFC 6298 §2, with Karn's rule): it changes {@link RetransmitTimer.reset} and adds
 * a method to feed it RTT samples. Nothing else in the stack needs to change, because the
 * rest only ever asks this object for its `deadline`, `rto` and `backoffs`.
 */

/** The RTO before any round-trip time is known (RFC 6298 §2.1; Linux's TCP_TIMEOUT_INIT). */
import { NotImplemented } from '../../harness/contract';
export const TCP_INITIAL_RTO_MS = 1000;
/** The RTO never grows beyond this (RFC 6298 §2.5 allows a cap of at least 60 s; Linux's TCP_RTO_MAX). */
export const TCP_MAX_RTO_MS = 120_000;

/** One connection's retransmission timer. */
export class RetransmitTimer {
  /** When the timer fires (absolute ms, like `env.now()`), or undefined when it is not running. */
  deadline: number | undefined = undefined;
  /** The current timeout: how long after a (re)transmission the timer fires. */
  rto = TCP_INITIAL_RTO_MS;
  /** Timeouts in a row without an acknowledgment of anything new (Linux's icsk_retransmits). */
  backoffs = 0;

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
    // TODO(m2): back off the retransmission timeout exponentially (double it, at most 120 s)
    throw new NotImplemented('m2', 'back off the retransmission timeout exponentially (double it, at most 120 s)');
  }

  /** Something new was acknowledged: the path works, so forget the backoff. */
  reset(): void {
    this.backoffs = 0;
    this.rto = TCP_INITIAL_RTO_MS;
  }
}
