/**
 * How a script fails: at a line (or after the last one), at a time, with what was expected and
 * what happened instead. The runner builds these; report.ts lays them out.
 */
import type { SourceLine } from '../language/ast';

/** What went wrong, without where and when. */
export interface FailureDetail {
  /** One sentence: `wrong packet`, `timing error: the packet came 20 ms early`. */
  readonly summary: string;
  /** What the script said should happen. */
  readonly expected?: string;
  /** What happened, one or more lines (a packet in script syntax, then as tcpdump prints it). */
  readonly actual?: readonly string[];
  /** Each field that differs, as a sentence. */
  readonly differences?: readonly string[];
}

/** A failed script. */
export interface Failure extends FailureDetail {
  /** The line that failed; undefined when the failure came after the last line. */
  readonly line: SourceLine | undefined;
  /** When it was found (µs since the script started). */
  readonly timeUs: number;
}

/** Thrown inside the runner to stop at the current line; the runner adds the line and the time. */
export class StepFailure extends Error {
  constructor(
    readonly detail: FailureDetail,
    /** The line to blame when it is not the current one (a blocking call found failed later). */
    readonly line?: SourceLine,
  ) {
    super(detail.summary);
    this.name = 'StepFailure';
  }
}
