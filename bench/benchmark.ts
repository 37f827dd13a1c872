/**
 * What a benchmark is, and how one is timed. A benchmark does a fixed amount of work and says
 * how much; the runner turns that into a rate. Figures are measured and printed, never asserted:
 * a machine's speed is not a test result, but ratios between figures of one run are comparable.
 */

export interface Benchmark {
  /** The figure's name, e.g. `sim.events_per_second`. */
  readonly figure: string;
  /** The unit of the rate, e.g. `events/s`. */
  readonly unit: string;
  /** Do one round of the work and return how many units it did (events, packets, ...). */
  run(): Promise<number>;
}

/** One measured figure, as printed. */
export interface Figure {
  readonly figure: string;
  readonly value: number;
  readonly unit: string;
}

/** Rounds run and thrown away first, so that the JIT has compiled the hot paths. */
const WARMUP_ROUNDS = 1;
/** Rounds timed; the median is reported, which one disturbed round does not move. */
const TIMED_ROUNDS = 5;

/** Time `benchmark` and report its median rate in units per second. */
export async function measure(benchmark: Benchmark): Promise<Figure> {
  for (let i = 0; i < WARMUP_ROUNDS; i++) await benchmark.run();
  const rates: number[] = [];
  for (let i = 0; i < TIMED_ROUNDS; i++) {
    const start = process.hrtime.bigint();
    const units = await benchmark.run();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rates.push(units / seconds);
  }
  rates.sort((a, b) => a - b);
  return { figure: benchmark.figure, value: Math.round(rates[Math.floor(rates.length / 2)]!), unit: benchmark.unit };
}
