/**
 * Randomness of a test, derived from its seed. Each use gets its own stream, forked by a label,
 * so that adding a draw in one place does not change the values drawn in another.
 */
import { Rng } from '../../../../harness/sim/rng';

/** A generator for `label`, derived from the test's seed. */
export function rngFor(seed: number, label: string): Rng {
  return new Rng(seed).fork(label);
}

/** A seed for a second network of the same test, derived from the test's seed and `label`. */
export function derivedSeed(seed: number, label: string): number {
  return rngFor(seed, label).int(0, 0x7fffffff);
}
