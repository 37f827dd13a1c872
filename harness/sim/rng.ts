/**
 * The one source of randomness of a run. Every random choice in a simulation — impairments,
 * each kernel's `random()` — comes from an Rng forked from the run's seed, so that the same seed
 * gives the same run byte for byte.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';

/** FNV-1a over a string, to derive a child seed from a parent seed and a label. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** A seeded pseudo-random generator (xoroshiro128+ from pure-rand). */
export class Rng {
  private readonly generator: ReturnType<typeof xoroshiro128plus>;

  /** @param seed any 32-bit integer; the same seed gives the same sequence. */
  constructor(readonly seed: number) {
    this.generator = xoroshiro128plus(seed | 0);
  }

  /** A float in [0, 1). */
  next(): number {
    return uniformFloat64(this.generator);
  }

  /** An integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return uniformInt(this.generator, lo, hi);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  /**
   * An independent generator for one consumer, derived from this seed and a label. Streams are
   * forked by name rather than drawn in turn so that adding a link to a topology does not change
   * the ISNs a kernel picks.
   */
  fork(label: string): Rng {
    return new Rng(hash32(`${this.seed}/${label}`));
  }
}

/** The seed of every run unless SOCKLAB_SEED says otherwise. */
export const DEFAULT_SEED = 1;

/**
 * The seed of a test run: `SOCKLAB_SEED` from the environment when set (to reproduce a printed
 * failure), else the default.
 */
export function runSeed(fallback = DEFAULT_SEED): number {
  const text = process.env.SOCKLAB_SEED;
  if (text === undefined || text === '') return fallback;
  const seed = Number(text);
  if (!Number.isInteger(seed)) throw new Error(`SOCKLAB_SEED must be an integer, got "${text}"`);
  return seed;
}
