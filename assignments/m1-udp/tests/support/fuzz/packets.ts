/** The fuzz run's packets: well-formed packets from the templates, each damaged one to three times. */
import { Rng } from '../../../../../harness/sim/rng';
import type { FuzzCase } from './failure';
import { IPV4_MUTATIONS, TRANSPORT_MUTATIONS } from './mutations';
import { TEMPLATES, type FuzzTarget } from './templates';

/** How many mutations a packet gets: at least one, so that every packet sent is damaged. */
const MAX_MUTATIONS = 3;
/**
 * Well-formed packets built per template before the run. Building is the slow part (the harness's
 * codecs check every field), so packets are drawn from a pool and made different by their damage.
 */
const POOL_SIZE = 256;

/** The first `count` packets of the run seeded by `seed`: the same seed gives the same packets. */
export function* fuzzCases(target: FuzzTarget, seed: number, count: number): Generator<FuzzCase> {
  const rng = new Rng(seed).fork('fuzz packets');
  const pool = TEMPLATES.map((template) => ({ template, bases: Array.from({ length: POOL_SIZE }, () => template.build(target, rng)) }));
  for (let index = 0; index < count; index++) {
    const { template, bases } = pool[rng.int(0, pool.length - 1)]!;
    // Half the packets get damage IPv4 should catch, half damage that gets past it to UDP or ICMP.
    const kinds = rng.chance(0.5) ? IPV4_MUTATIONS : TRANSPORT_MUTATIONS;
    const mutations = Array.from({ length: rng.int(1, MAX_MUTATIONS) }, () => kinds[rng.int(0, kinds.length - 1)]!);
    const packet = mutations.reduce((bytes, mutation) => mutation.apply(bytes, rng), bases[rng.int(0, bases.length - 1)]!);
    yield { index, template, mutations, packet };
  }
}
