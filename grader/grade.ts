/**
 * Grade one submission: every selected milestone in turn, under one seed, into one report.
 * A submission's failures end up in the report; only grading's own failures are thrown
 * (UsageError for impossible requests, GradingError for unreadable assignments).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SEED } from '../harness/sim/rng';
import { version as graderVersion } from '../package.json';
import { cannotLoadReason } from './compile-check';
import { GradingError, UsageError } from './errors';
import { gradeMilestone } from './grade-milestone';
import type { JestResults } from '../harness/jest-run/jest-results';
import { ASSIGNMENTS_DIR, listMilestones, loadMilestone, type Milestone } from './milestone';
import { SCHEMA_VERSION, type MilestoneReport, type Report } from './report';
import { protections } from './protections';
import { sumPoints } from './score';
import { stageSubmission, unstage, withOriginalPaths } from './submission';

/** What to grade, and how. */
export interface GradeOptions {
  /** `reference`, `starter`, or a folder. */
  readonly submission: string;
  /** Where the milestone folders are; `assignments/` by default. */
  readonly assignmentsDir?: string;
  /** Milestone ids to grade, in any order; all of them by default. */
  readonly milestones?: readonly string[];
  readonly seed?: number;
  /** Replace every milestone's wall-time limit (seconds). */
  readonly timeLimitSeconds?: number;
  /** Replace every milestone's memory limit (MB). */
  readonly memoryMb?: number;
  /** Told the milestones to grade, before the first. */
  readonly onStart?: (milestones: readonly Milestone[]) => void;
  /** Told, while a milestone's suites run (in `testsDir`), the results of its tests finished so far. */
  readonly onResults?: (milestone: Milestone, testsDir: string, soFar: JestResults) => void;
  /** Told as each milestone is done, e.g. to show progress. */
  readonly onMilestone?: (milestone: MilestoneReport) => void;
  /**
   * The folder whose `artifacts/` gets the evidence (pcaps, graphs) of failures, which the report's
   * `artifacts` paths are relative to: the report's own folder when the CLI grades, so that the
   * next grading does not overwrite what this report names. Default: the repository's.
   */
  readonly evidenceDir?: string;
  /** At most this many jest workers per milestone (default: one per core; a batch shares them out). */
  readonly workers?: number;
  /** Told the process group of each milestone's run as it starts (see run-suites.ts). */
  readonly onProcessGroup?: (pgid: number) => void;
}

/** Grade a submission into a report (not yet validated or written: see report-file.ts). */
export async function grade(options: GradeOptions): Promise<Report> {
  const startedAt = new Date();
  const assignments = path.resolve(options.assignmentsDir ?? ASSIGNMENTS_DIR);
  const selected = selectMilestones(assignments, options.milestones);
  const staged = stageSubmission(options.submission);
  const submission = staged.info;
  const seed = options.seed ?? DEFAULT_SEED;

  const milestones: MilestoneReport[] = [];
  options.onStart?.(selected.map(({ milestone }) => milestone));
  const tellResults = options.onResults;
  try {
    const cannotLoad = staged.cannotGrade ?? cannotLoadReason(staged.stagedDir, submission.refused);
    for (const { dir, milestone } of selected) {
      const limits = {
        wallSeconds: options.timeLimitSeconds ?? milestone.limits.wallSeconds,
        memoryMb: options.memoryMb ?? milestone.limits.memoryMb,
      };
      const onResults = tellResults && ((soFar: JestResults) => tellResults(milestone, path.join(dir, 'tests'), soFar));
      const evidenceBase = options.evidenceDir === undefined ? undefined : path.resolve(options.evidenceDir);
      const job = { dir, milestone, submissionDir: staged.stagedDir, seed, limits, cannotLoad, onResults, evidenceBase, workers: options.workers, onProcessGroup: options.onProcessGroup };
      const report = withOriginalPaths(await gradeMilestone(job), staged);
      milestones.push(report);
      options.onMilestone?.(report);
    }
  } finally {
    unstage(staged.stagedDir);
  }

  return {
    schemaVersion: SCHEMA_VERSION,
    graderVersion,
    seed,
    submission,
    assignments,
    protections: protections(Math.max(...selected.map(({ milestone }) => options.memoryMb ?? milestone.limits.memoryMb))),
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    score: sumPoints(milestones.map((m) => m.score)),
    maxScore: sumPoints(milestones.map((m) => m.maxScore)),
    milestones,
  };
}

/**
 * The milestones to grade, in the assignments' order, each read and checked; throws a UsageError
 * for what cannot be asked (no such folder or milestone), a GradingError for a broken milestone.
 */
export function selectMilestones(assignments: string, wanted: readonly string[] | undefined): { dir: string; milestone: Milestone }[] {
  if (!fs.existsSync(assignments)) throw new UsageError(`no assignments folder at ${assignments}`);
  let ids: string[];
  try {
    ids = listMilestones(assignments);
  } catch (error) {
    throw new GradingError(`cannot read the assignments at ${assignments}: ${(error as Error).message}`, { cause: error });
  }
  if (ids.length === 0) throw new GradingError(`no milestone under ${assignments}: no folder there has a milestone.json`);
  const unknown = (wanted ?? []).filter((id) => !ids.includes(id));
  if (unknown.length > 0) throw new UsageError(`no milestone ${unknown.join(', ')} under ${assignments} (there are: ${ids.join(', ')})`);
  return ids
    .filter((id) => !wanted || wanted.includes(id))
    .map((id) => {
      const dir = path.join(assignments, id);
      try {
        return { dir, milestone: loadMilestone(dir) };
      } catch (error) {
        throw new GradingError(`cannot grade ${id}: ${(error as Error).message}`, { cause: error });
      }
    });
}
