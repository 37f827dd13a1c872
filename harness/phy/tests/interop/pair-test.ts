/**
 * Interop tests run a socklab stack against Linux over TUN (tun-pair.ts): one pair per test,
 * always closed, and a failure leaves the same evidence as a simulator test — the packets as a
 * pcap under artifacts/, a ladder of the last ones, and the seed.
 */
import { saveEvidence } from '../../../checks/evidence';
import type { CreateKernel } from '../../../contract';
import { loadSubmission } from '../../../loader';
import { runSeed } from '../../../sim/rng';
import { openTunPair, type TunPair, type TunPairOptions } from '../../tun/tun-pair';

/** Run `body` on a fresh pair with the reference stack (unless told); evidence on failure. */
export async function withPair(body: (pair: TunPair) => Promise<void>, options: Partial<TunPairOptions> = {}): Promise<void> {
  const createKernel: CreateKernel = options.createKernel ?? loadSubmission('reference').createKernel;
  const seed = options.seed ?? runSeed();
  const pair = await openTunPair({ ...options, createKernel, seed });
  try {
    await body(pair);
    const broken = pair.stack.failure ?? pair.link.failure;
    if (broken) throw broken;
  } catch (error) {
    throw withEvidence(error, pair, seed);
  } finally {
    await pair.close();
  }
}

function withEvidence(error: unknown, pair: TunPair, seed: number): Error {
  const { testPath, currentTestName } = expect.getState();
  const run = {
    testFile: testPath ?? 'interop',
    testName: currentTestName ?? 'interop',
    seed,
    nowUs: Math.round(pair.link.clock.nowUs()),
    packets: pair.link.packets(),
    sides: [
      { name: 'linux', address: pair.linuxAddress },
      { name: 'stack', address: pair.stackAddress },
    ] as const,
  };
  const failure = error instanceof Error ? error : new Error(String(error));
  failure.message = `${failure.message}\n\n${saveEvidence(run)}`;
  return failure;
}
