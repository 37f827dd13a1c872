/**
 * The impaired TUN path the interop checks use (issue: "2% loss with reordering"): each direction
 * loses 2% of its packets and holds 2% back by 3 ms, so that the packets behind them overtake them.
 * A 1 ms delay both ways gives the path a round trip Linux and the stack can measure.
 */
import type { PathOptions } from './faulty-path';

export const LOSSY_PATH: PathOptions = {
  delayUs: 1000,
  impairments: { loss: 0.02, reorder: { probability: 0.02, delayUs: 3000 } },
};
