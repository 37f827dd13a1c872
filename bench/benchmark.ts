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

/**
 * The figures of `rounds` runs of `run`, after `warmUpRounds` (default {@link WARMUP_ROUNDS})
 * whose figures are thrown away.
 */
export async function afterWarmUp<Figures>(run: () => Promise<Figures>, rounds: number, warmUpRounds = WARMUP_ROUNDS): Promise<Figures[]> {
  for (let i = 0; i < warmUpRounds; i++) await run();
  const figures: Figures[] = [];
  for (let i = 0; i < rounds; i++) figures.push(await run());
  return figures;
}

/** The median of `values`. */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** Time `benchmark` and report its median rate in units per second. */
export async function measure(benchmark: Benchmark): Promise<Figure> {
  const rates = await afterWarmUp(async () => {
    const start = process.hrtime.bigint();
    const units = await benchmark.run();
    return units / (Number(process.hrtime.bigint() - start) / 1e9);
  }, TIMED_ROUNDS);
  return { figure: benchmark.figure, value: Math.round(median(rates)), unit: benchmark.unit };
}

/** Linux's loopback MTU is 65536, and an IPv4 packet holds at most 65535 bytes: the MTU of figures set beside loopback's. */
export const LOOPBACK_MTU = 65_535;
