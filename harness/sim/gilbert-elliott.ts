/**
 * Burst loss with the Gilbert–Elliott model: a two-state Markov chain, stepped once per packet.
 *
 * In the good state packets are lost with probability `lossInGood` (default 0), in the bad state
 * with `lossInBad` (default 1). After each packet the chain moves good→bad with probability
 * `goodToBad` and bad→good with probability `badToGood`. It starts in the good state.
 *
 * With the defaults (the plain Gilbert model: the bad state loses everything) losses come in
 * bursts whose lengths are geometric with mean `1 / badToGood`, and the long-run loss rate is
 * the stationary probability of the bad state, `goodToBad / (goodToBad + badToGood)`.
 * Example: `{ goodToBad: 0.01, badToGood: 0.25 }` loses about 3.8% of packets, in bursts of 4
 * on average.
 */
import type { Rng } from './rng';

/** Parameters of the Gilbert–Elliott model; every value is a probability in [0, 1]. */
export interface GilbertElliottOptions {
  /** Per packet, the chance that the good state turns bad. */
  readonly goodToBad: number;
  /** Per packet, the chance that the bad state turns good: bursts last `1 / badToGood` packets on average. */
  readonly badToGood: number;
  /** The chance that a packet is lost in the bad state (default 1). */
  readonly lossInBad?: number;
  /** The chance that a packet is lost in the good state (default 0). */
  readonly lossInGood?: number;
}

/** The long-run fraction of packets that find the chain in the bad state. */
export function badStateProbability(options: GilbertElliottOptions): number {
  const { goodToBad, badToGood } = options;
  return goodToBad + badToGood === 0 ? 0 : goodToBad / (goodToBad + badToGood);
}

/** The long-run loss rate: each state's stationary probability times its loss probability. */
export function meanLossRate(options: GilbertElliottOptions): number {
  const bad = badStateProbability(options);
  return bad * (options.lossInBad ?? 1) + (1 - bad) * (options.lossInGood ?? 0);
}

/** The burst-loss process of one link, drawing from its own stream. */
export class GilbertElliott {
  private bad = false;

  constructor(
    private readonly options: GilbertElliottOptions,
    private readonly rng: Rng,
  ) {}

  /** Whether the next packet is lost; steps the chain. */
  lose(): boolean {
    const lossProbability = this.bad ? (this.options.lossInBad ?? 1) : (this.options.lossInGood ?? 0);
    const lost = this.rng.chance(lossProbability);
    if (this.rng.chance(this.bad ? this.options.badToGood : this.options.goodToBad)) this.bad = !this.bad;
    return lost;
  }
}
