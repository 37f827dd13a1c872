/**
 * The congestion window over time: a program that reads the sender's tcpInfo every few ms of
 * virtual time, as `ss -ti` would on Linux, so that the rules of congestion control can be checked
 * on a whole run (congestion-checks.ts) and drawn when one fails (cwnd-plot.ts).
 */
import type { CongestionState, Fd, TcpInfo } from '../../../../harness/contract';
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

/** Readings taken while the run goes on, and why they stopped, if a read failed. */
export interface CongestionRecord {
  /** The readings taken so far, once every one of them has come back. */
  readonly samples: () => Promise<readonly CongestionSample[]>;
  readonly failure: () => string | undefined;
}

/**
 * Read `fd`'s tcpInfo now and every `everyMs` ms of virtual time after, until the simulator halts.
 * Each reading is taken aside (Host.readAside): the clock goes on without waiting for it, so that a
 * stack in its own process gets it with the next packet instead of in a round trip of its own.
 */
export function recordCongestion(sim: Simulator, sys: Sys, fd: Fd, everyMs: number): CongestionRecord {
  const samples: CongestionSample[] = [];
  let failure: string | undefined;
  const failed = (error: unknown): void => {
    failure ??= `reading tcpInfo failed: ${error instanceof Error ? error.message : String(error)}`;
  };
  // Readings come back in the order they were taken: the last one back means all are.
  let latest: Promise<void> = Promise.resolve();
  const run = async (): Promise<void> => {
    while (failure === undefined) {
      const timeUs = sim.nowUs;
      latest = sys.host.readAside('tcpInfo', fd).then((info) => {
        const { cwnd, ssthresh, congestionState: state, bytesInFlight, retransmits, mss } = info as TcpInfo;
        samples.push({ timeUs, cwnd, ssthresh, state, bytesInFlight, retransmits, mss });
      }, failed);
      await sim.sleep(everyMs, 'the next tcpInfo reading');
    }
  };
  run().catch(failed);
  return {
    samples: async () => {
      // The clock waits for them, as for a call: the run goes on from where the readings stop.
      await sim.track(latest);
      return samples;
    },
    failure: () => failure,
  };
}
