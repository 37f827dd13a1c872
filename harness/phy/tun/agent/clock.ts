/**
 * The clock the agent stamps packets with and the harness measures against: CLOCK_MONOTONIC (what
 * Node's hrtime reads), which every process of the machine shares.
 */

/** CLOCK_MONOTONIC in µs. */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}
