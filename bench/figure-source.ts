/**
 * A figure that is not a rate of `measure()` (benchmark.ts) — a time, say — or that cannot be
 * measured on every machine: it measures itself, and says why when it cannot. A skipped figure
 * prints as `{"figure":"tun.round_trip_us","skipped":"<the cause>"}`, so that a run on a laptop
 * still says what it did not measure.
 */
import type { Figure } from './benchmark';

/** A figure that was not measured, and why. */
export interface SkippedFigure {
  readonly figure: string;
  readonly skipped: string;
}

export interface FigureSource {
  readonly figure: string;
  measure(): Promise<Figure | SkippedFigure>;
}
