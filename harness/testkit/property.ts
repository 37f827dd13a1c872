/**
 * Seeded property checking: `fc.assert` with the run's seed (SOCKLAB_SEED, or the default), so
 * that property tests are deterministic and a failure reproduces.
 */
import fc from 'fast-check';
import { runSeed } from '../sim/rng';

/** The seed of this run. */
export const SEED = runSeed();

/**
 * `fc.assert` with the run's seed. fast-check's failure message carries the seed and the path
 * of the counterexample; this adds how to reproduce the run.
 */
export function checkProperty<Ts>(property: fc.IProperty<Ts>, params: fc.Parameters<Ts> = {}): void {
  try {
    fc.assert(property, { ...params, seed: SEED });
  } catch (error) {
    if (error instanceof Error) error.message += `\nReproduce with SOCKLAB_SEED=${SEED}.`;
    throw error;
  }
}
