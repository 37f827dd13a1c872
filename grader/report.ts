/**
 * The grading report: what one `grader run` found, for one submission. It is the one source every
 * export is made from, and it is checked against `schema/report.schema.json` before it is
 * written. The report is the instructors' view: it holds hidden tests' names and messages, which
 * the exports never show to students.
 */
import type { MeasuredFigure } from '../harness/testkit/figures';
import type { Visibility } from './milestone';

/** Bumped when the report's shape changes incompatibly; the schema pins it. */
export const SCHEMA_VERSION = 1;

/**
 * How a milestone went. `passed`: every test passed; `partial`: some points; `failed`: none.
 * `error`: the suites could not run to the end (the submission does not compile or load, the
 * test process died); `timeout`: the wall-time limit ended the run; `skipped`: nothing to run.
 */
export type MilestoneStatus = 'passed' | 'partial' | 'failed' | 'error' | 'timeout' | 'skipped';

/** How a test went. `error`: it could not run because its file or the submission failed first. */
export type TestStatus = 'passed' | 'failed' | 'skipped' | 'error';

/** One test of a milestone, scored. */
export interface TestReport {
  /** `<file> > <full name>`: unique within its milestone. */
  readonly id: string;
  /** The test file, relative to the milestone's `tests/` folder. */
  readonly file: string;
  /** The full name jest reports: describe titles and the test title, joined by spaces. */
  readonly name: string;
  readonly points: number;
  readonly maxPoints: number;
  readonly status: TestStatus;
  readonly visibility: Visibility;
  readonly category: string;
  readonly durationMs: number;
  /** Why it did not pass (empty when it did); for hidden tests, for instructors only. */
  readonly message: string;
  /**
   * Files the test left as evidence (pcaps, time–sequence graphs, cwnd plots), relative to the
   * folder the evidence went to: the report's own when `grader run` wrote it.
   */
  readonly artifacts: readonly string[];
}

/** One milestone, graded. */
export interface MilestoneReport {
  readonly id: string;
  readonly title: string;
  readonly score: number;
  readonly maxScore: number;
  readonly status: MilestoneStatus;
  /** Why, for `error`, `timeout` and `skipped`; for `failed`, a cause every test shares, if any. */
  readonly reason?: string;
  readonly durationMs: number;
  /** The limits the suites ran under (after any command-line override). */
  readonly limits: { readonly wallSeconds: number; readonly memoryMb: number };
  readonly tests: readonly TestReport[];
  /** Disagreements between milestone.json and the suites, for the course staff to fix. */
  readonly configErrors: readonly string[];
  /** The end of the test process's stderr when the run ended abnormally (instructors only). */
  readonly log?: string;
  /** What the tests that passed measured (a goodput): the leaderboard's figures. */
  readonly figures?: readonly MeasuredFigure[];
}

/** Which submission was graded. */
export interface SubmissionInfo {
  /** As given: `reference`, `starter`, or the path on the command line. */
  readonly name: string;
  /**
   * The absolute folder whose files were graded (a student repository's stack folder). Grading ran
   * on a private copy of it; messages name the files by this folder.
   */
  readonly path: string;
  /** `sha256:<hex>` over the folder's files (see submission.ts), to tell which version was graded. */
  readonly contentHash: string;
  /** What staging left out of the graded copy (links out of the folder, special or oversized files), and why. */
  readonly refused: readonly { readonly path: string; readonly reason: string }[];
}

/** One way the judge is kept safe from the submission, and whether this machine allowed it. */
export interface Protection {
  readonly name: string;
  readonly obtained: boolean;
  /** How it works here, or why it could not be had. */
  readonly how: string;
}

/** The whole report: `grader/schema/report.schema.json` describes the same shape. */
export interface Report {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly graderVersion: string;
  /** The one seed of the run: `SOCKLAB_SEED=<seed>` reproduces any failure in it. */
  readonly seed: number;
  readonly submission: SubmissionInfo;
  /** The absolute folder the milestones were read from. */
  readonly assignments: string;
  /** What kept the judge safe from the submission here, and what the machine did not allow. */
  readonly protections: readonly Protection[];
  /** ISO 8601, UTC. */
  readonly startedAt: string;
  readonly durationMs: number;
  readonly score: number;
  readonly maxScore: number;
  readonly milestones: readonly MilestoneReport[];
}
