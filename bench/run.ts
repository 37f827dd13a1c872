/**
 * `npm run bench`: measure every figure and print one JSON line per figure, e.g.
 * `{"figure":"sim.events_per_second","value":123456,"unit":"events/s"}`.
 * `npm run bench -- link` measures only the figures whose name contains `link`.
 *
 * To add a figure, write one file exporting a {@link Benchmark} (a rate) or a {@link FigureSource}
 * (anything else, or a figure some machines cannot measure) and list it below.
 */
import { measure, type Benchmark } from './benchmark';
import { childPortBatchedCalls, childPortRoundTrips } from './child-port-round-trips';
import { eventQueue } from './event-queue';
import { gradeSeconds, isolationRatio } from './grading';
import { isolatedFuzz } from './isolated-fuzz';
import type { FigureSource } from './figure-source';
import { linkThroughput } from './link-throughput';
import { simEvents } from './sim-events';
import { tunPackets, tunRoundTrip } from './tun-path';

/** In print order; simulator events per second comes first. */
const BENCHMARKS: readonly (Benchmark | FigureSource)[] = [
  simEvents,
  linkThroughput,
  eventQueue,
  childPortRoundTrips,
  childPortBatchedCalls,
  isolatedFuzz,
  tunRoundTrip,
  tunPackets,
  gradeSeconds,
  isolationRatio,
];

async function main(filters: readonly string[]): Promise<void> {
  const chosen = BENCHMARKS.filter((b) => filters.length === 0 || filters.some((f) => b.figure.includes(f)));
  if (chosen.length === 0) throw new Error(`no figure matches ${filters.join(', ')}; figures: ${BENCHMARKS.map((b) => b.figure).join(', ')}`);
  for (const benchmark of chosen) console.log(JSON.stringify('measure' in benchmark ? await benchmark.measure() : await measure(benchmark)));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
