/**
 * `npm run bench`: measure every figure and print one JSON line per figure, e.g.
 * `{"figure":"sim.events_per_second","value":123456,"unit":"events/s"}`.
 * `npm run bench -- link` measures only the figures whose name contains `link`.
 *
 * To add a figure, write one file exporting a {@link Benchmark} (a rate) or a {@link FigureSource}
 * (anything else, or a figure some machines cannot measure) and list it below.
 */
import { Command } from 'commander';
import { exitOnUsageError, exitStatusHelp, exitWithMessage, USAGE_ERROR } from '../harness/cli/exit-status';
import { batchSpeedup } from './batch-speedup';
import { measure, type Benchmark } from './benchmark';
import { childPortBatchedCalls, childPortRoundTrips } from './child-port-round-trips';
import { dumbbellSpeedup } from './dumbbell-flows';
import { epollWaitCostRatio, tenThousandClientsSeconds } from './epoll-wait';
import { eventQueue } from './event-queue';
import { gradeSeconds, isolationRatio } from './grading';
import { isolatedFuzz } from './isolated-fuzz';
import type { FigureSource } from './figure-source';
import { linkThroughput } from './link-throughput';
import { isolatedBulkRatio, nodeNetGoodput, simBulkGoodput, simBulkLoopbackMtuGoodput, simToNodeNetRatio, virtualSpeedup } from './sim-bulk';
import { simEvents } from './sim-events';
import { tunBulk, tunBulkLoopbackMtu } from './tun-bulk';
import { tunPackets, tunRoundTrip } from './tun-path';

/** In print order; simulator events per second comes first. */
const BENCHMARKS: readonly (Benchmark | FigureSource)[] = [
  simEvents,
  linkThroughput,
  eventQueue,
  childPortRoundTrips,
  childPortBatchedCalls,
  isolatedFuzz,
  simBulkGoodput,
  simBulkLoopbackMtuGoodput,
  nodeNetGoodput,
  simToNodeNetRatio,
  isolatedBulkRatio,
  virtualSpeedup,
  dumbbellSpeedup,
  epollWaitCostRatio,
  tenThousandClientsSeconds,
  tunRoundTrip,
  tunPackets,
  tunBulk,
  tunBulkLoopbackMtu,
  gradeSeconds,
  isolationRatio,
  batchSpeedup,
];

async function main(filters: readonly string[]): Promise<void> {
  const chosen = BENCHMARKS.filter((b) => filters.length === 0 || filters.some((f) => b.figure.includes(f)));
  if (chosen.length === 0) throw new Error(`no figure matches ${filters.join(', ')}; figures: ${BENCHMARKS.map((b) => b.figure).join(', ')}`);
  for (const benchmark of chosen) console.log(JSON.stringify('measure' in benchmark ? await benchmark.measure() : await measure(benchmark)));
}

new Command('npm run bench --')
  .description('Measure the speed and memory figures and print one JSON line per figure.')
  .argument('[filters...]', `only the figures whose name contains one of these; the figures: ${BENCHMARKS.map((b) => b.figure).join(', ')}`)
  .addHelpText('after', exitStatusHelp({ 0: 'every chosen figure was measured', 1: 'no figure matches a filter, or a measurement failed', [USAGE_ERROR]: 'an unknown option' }))
  .exitOverride(exitOnUsageError)
  .action(main)
  .parseAsync()
  .catch(exitWithMessage(1));
