/**
 * The congestion window over time: a program that reads the sender's tcpInfo every few ms of
 * virtual time, as `ss -ti` would on Linux, so that the rules of congestion control can be checked
 * on a whole run (congestion-checks.ts) and drawn when one fails (cwnd-plot.ts).
 */
import type { CongestionState, Fd } from '../../../../harness/contract';
import type { Sys } from '../../../../harness/runtime';
import type { Simulator } from '../../../../harness/sim/simulator';

/** ssthresh at or above this is "infinite" (no loss yet): Linux reports 2^31 − 1 segments. */
const INFINITE_SSTHRESH = 2 ** 30;

/** Whether `ssthresh` (bytes) is a real threshold rather than "infinite". */
export function isFiniteSsthresh(ssthresh: number): boolean {
  return ssthresh < INFINITE_SSTHRESH;
}

/** One reading of the sender's congestion control. */
export interface CongestionSample {
  /** Virtual time of the reading (µs). */
  readonly timeUs: number;
  readonly cwnd: number;
  readonly ssthresh: number;
  readonly state: CongestionState;
  readonly bytesInFlight: number;
  /** Segments retransmitted so far. */
  readonly retransmits: number;
  readonly mss: number;
}

/** Readings so far (the array grows while the run goes on), and why they stopped, if a call failed. */
export interface CongestionRecord {
  readonly samples: readonly CongestionSample[];
  readonly failure: () => string | undefined;
}

/** Read `fd`'s tcpInfo now and every `everyMs` ms of virtual time after, until the simulator halts. */
export function recordCongestion(sim: Simulator, sys: Sys, fd: Fd, everyMs: number): CongestionRecord {
  const samples: CongestionSample[] = [];
  let failure: string | undefined;
  const run = async (): Promise<void> => {
    for (;;) {
      const info = await sys.tcpInfo(fd);
      const { cwnd, ssthresh, congestionState: state, bytesInFlight, retransmits, mss } = info;
      samples.push({ timeUs: sim.nowUs, cwnd, ssthresh, state, bytesInFlight, retransmits, mss });
      await sim.sleep(everyMs, 'the next tcpInfo reading');
    }
  };
  run().catch((error: unknown) => {
    failure ??= `reading tcpInfo failed: ${error instanceof Error ? error.message : String(error)}`;
  });
  return { samples, failure: () => failure };
}
