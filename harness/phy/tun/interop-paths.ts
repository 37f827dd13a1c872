/**
 * The TUN paths the interop checks use, the test and `npm run interop` alike: a clean one, and an
 * impaired one (issue: "2% loss with reordering") where each direction loses 2% of its packets and
 * holds 2% back by 3 ms, so that the packets behind them overtake them. A 1 ms delay both ways
 * gives the path a round trip Linux and the stack can measure.
 */
import type { PathOptions } from './faulty-path';
import type { TunPairOptions } from './tun-pair';

const LOSSY_PATH: PathOptions = {
  delayUs: 1000,
  impairments: { loss: 0.02, reorder: { probability: 0.02, delayUs: 3000 } },
};

export type InteropPathName = 'clean' | 'lossy';

/** Each path: in words, and the faults of a TUN pair both ways. */
export const INTEROP_PATHS: Readonly<Record<InteropPathName, { readonly words: string; readonly faults: Pick<TunPairOptions, 'toLinux' | 'fromLinux'> }>> = {
  clean: { words: 'on a clean path', faults: {} },
  lossy: { words: 'at 2% loss with reordering both ways', faults: { toLinux: LOSSY_PATH, fromLinux: LOSSY_PATH } },
};
