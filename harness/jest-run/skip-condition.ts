/**
 * A reason some suites skip on a machine, as the start of a run announces it (announce-skips.ts).
 * Its probe is the function the suites themselves decide by, so that the announcement and the
 * skips cannot disagree.
 */
export interface SkipCondition {
  /** What skips, in a few words: `TUN bridge tests`. */
  readonly what: string;
  /** Why they skip here, and what to do; undefined where they run. */
  readonly cause: () => string | undefined;
  /** What a test file that skips on it calls: the suites listed are the test files that call one. */
  readonly calls: readonly string[];
}
