/**
 * `port.fuzz_seconds`: the seconds m1's fuzz test takes to push 100,000 damaged packets into the
 * reference stack running in its own process, as graded, and to check every answer: the heaviest
 * traffic any test sends through an isolated kernel. The median of a few runs after a warm-up one.
 */
import { fuzzReceive } from '../assignments/m1-udp/tests/support/fuzz/run-fuzz';
import { submissionDir } from '../harness/loader';
import { isolatedCreateKernel } from '../harness/port/isolation';
import { DEFAULT_SEED } from '../harness/sim/rng';
import { afterWarmUp, median } from './benchmark';
import type { FigureSource } from './figure-source';

const PACKETS = 100_000;
const TIMED_RUNS = 3;

async function secondsOfOneRun(): Promise<number> {
  const started = process.hrtime.bigint();
  await fuzzReceive({ createKernel: isolatedCreateKernel(submissionDir('reference')), seed: DEFAULT_SEED, packets: PACKETS });
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export const isolatedFuzz: FigureSource = {
  figure: 'port.fuzz_seconds',
  async measure() {
    const seconds = median(await afterWarmUp(secondsOfOneRun, TIMED_RUNS));
    return { figure: this.figure, value: Number(seconds.toFixed(2)), unit: `s per ${PACKETS.toLocaleString('en')} packets` };
  },
};
