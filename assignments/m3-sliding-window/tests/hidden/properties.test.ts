/**
 * Properties over random conditions, against the reference: for any mix of loss, reordering,
 * duplication and damage on the link, any sequence of write sizes and of read sizes, either
 * direction and either role, a small transfer arrives whole and in order and its trace keeps the
 * sliding window's rules. fast-check draws the cases from the run's seed (few runs, small sizes,
 * so that the file stays fast); a failure names the case, the seed and how to rerun it.
 */
import fc from 'fast-check';
import { netTest } from '../../../../harness/testkit';
import { referenceKernel } from '../../../m1-udp/tests/support/reference-peer';
import { checkFlow, flowOf } from '../support/trace-checks';
import { expectDelivered, runTransfer } from '../support/transfer';

const RUNS = 10;

const impairmentsArb = fc.record({
  loss: fc.integer({ min: 0, max: 15 }).map((p) => p / 100),
  reorder: fc.record({ probability: fc.integer({ min: 0, max: 10 }).map((p) => p / 100), delayUs: fc.integer({ min: 1_000, max: 30_000 }) }),
  duplicate: fc.record({ probability: fc.integer({ min: 0, max: 10 }).map((p) => p / 100), gapUs: fc.integer({ min: 0, max: 5_000 }) }),
  corrupt: fc.integer({ min: 0, max: 5 }).map((p) => p / 100),
});

const caseArb = fc.record({
  impairments: impairmentsArb,
  bytes: fc.integer({ min: 1, max: 60_000 }),
  writeSizes: fc.array(fc.integer({ min: 1, max: 5_000 }), { minLength: 1, maxLength: 6 }),
  readSizes: fc.array(fc.integer({ min: 1, max: 8_000 }), { minLength: 1, maxLength: 6 }),
  direction: fc.constantFrom('stack→peer' as const, 'peer→stack' as const, 'both' as const),
  stackRole: fc.constantFrom('client' as const, 'server' as const),
  rcvbuf: fc.option(fc.integer({ min: 2_048, max: 65_536 }), { nil: undefined }),
});

describe('random transfers against the reference', () => {
  netTest('any mix of loss, reordering, duplication and damage, with any write and read sizes, delivers every byte once and in order within the window', async (t) => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        run++;
        const result = await runTransfer(t, {
          ...c,
          peer: referenceKernel(),
          peerName: 'the reference',
          impairment: `random case ${run}: ${JSON.stringify(c.impairments)}, writes ${JSON.stringify(c.writeSizes)}, reads ${JSON.stringify(c.readSizes)}, stack as ${c.stackRole}, SO_RCVBUF ${c.rcvbuf ?? 'default'}`,
          label: `property run ${run}`,
          limitSeconds: 120,
        });
        expectDelivered(result);
        for (const w of result.ways) checkFlow(flowOf(result.trace, w.from, w.to));
      }),
      { seed: t.seed, numRuns: RUNS, endOnFailure: true },
    );
  });
});
