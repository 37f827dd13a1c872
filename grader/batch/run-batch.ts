/**
 * Grade a class: every submission of a class folder (class-folder.ts), several at once, each into
 * a folder of its own (batch-folder.ts) with its report, its exports and the evidence of its
 * failures; then the class summary (class.csv) and overview (class.html) over all of them.
 *
 * A submission already graded in the output folder is not graded again unless asked: a batch is
 * restarted by running it again. Gradings run side by side share the cores: each gets the jest
 * workers its share allows, so that two at a time on two cores do not fight over them. By default
 * one more grading runs than there are cores: a grading spends part of its time waiting (for a
 * process to start, for a stuck stack's call to time out), and the extra one uses that time
 * (on two cores, 30 fixture gradings took 8.8–9.7 s three at a time against 9.5–9.8 s two at a
 * time; one at a time, 15.5–15.8 s).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Format } from '../export';
import { UsageError } from '../errors';
import { grade, selectMilestones } from '../grade';
import { ASSIGNMENTS_DIR } from '../milestone';
import { writeExports } from '../outputs';
import type { Report } from '../report';
import { readReport, writeAtomically, writeReport } from '../report-file';
import { withPathsRenamed } from '../submission';
import { BatchFolder, type WorkFolder } from './batch-folder';
import { readClassFolder, type ClassSubmission } from './class-folder';
import type { ClassEntry } from './class-entry';
import { renderClassOverview } from './class-overview';
import { classCsv } from './class-summary';
import { unzipSubmission } from './unzip-submission';

export interface BatchOptions {
  /** The class folder: one folder or zip file per submission. */
  readonly classDir: string;
  /** Where each submission's folder, class.csv and class.html go. */
  readonly outDir: string;
  /** Gradings at once (default: {@link defaultJobs}). */
  readonly jobs?: number;
  /** Grade again the submissions already graded in `outDir`. */
  readonly regrade?: boolean;
  /** The exports written beside each report (the report itself, and the HTML report class.html links to, always are). */
  readonly formats: readonly Format[];
  readonly milestones?: readonly string[];
  readonly seed?: number;
  readonly assignmentsDir?: string;
  readonly timeLimitSeconds?: number;
  readonly memoryMb?: number;
  /** Told what is to be done before the first grading. */
  readonly onStart?: (plan: BatchPlan) => void;
  /** Told as each grading is finished. */
  readonly onGraded?: (entry: ClassEntry) => void;
}

export interface BatchPlan {
  readonly toGrade: readonly string[];
  /** Graded by an earlier run, kept. */
  readonly kept: readonly string[];
  /** Entries of the class folder that are not submissions, with the reason. */
  readonly ignored: readonly string[];
  /** Gradings an interrupted run left unfinished (redone). */
  readonly interrupted: number;
}

export interface BatchResult {
  /** Every submission, in name order. */
  readonly entries: readonly ClassEntry[];
  readonly csv: string;
  readonly overview: string;
}

/** The report of each finished folder, the error file of a submission that could not be graded. */
export const REPORT_FILE = 'report.json';
export const ERROR_FILE = 'error.txt';
/** Where a zip is unpacked, inside the submission's folder. */
const UNZIPPED = 'submission';

/** Grade the class; rejects only for grading's own failures (bad arguments, unreadable assignments). */
export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const { submissions, ignored } = readClassFolder(options.classDir);
  if (submissions.length === 0) throw new UsageError(`no submission in ${path.resolve(options.classDir)}: it holds no folder and no zip file`);
  // Refused before any grading starts, rather than by each grading in turn.
  selectMilestones(path.resolve(options.assignmentsDir ?? ASSIGNMENTS_DIR), options.milestones);
  const folder = new BatchFolder(options.outDir);
  try {
    const interrupted = folder.clearInterrupted();
    const toGrade = submissions.filter((submission) => options.regrade || !folder.isFinished(submission.name));
    const kept = submissions.filter((submission) => !toGrade.includes(submission)).map((submission) => submission.name);
    options.onStart?.({ toGrade: toGrade.map((submission) => submission.name), kept, ignored, interrupted });

    const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), toGrade.length));
    const workers = Math.max(1, Math.floor(os.availableParallelism() / jobs));
    await forEachAtOnce(toGrade, jobs, async (submission) => {
      const entry = await gradeInto(folder, submission, options, workers);
      options.onGraded?.(entry);
    });

    const entries = submissions.map((submission) => readEntry(folder, submission.name));
    const milestones = [...new Set(entries.flatMap((entry) => entry.report?.milestones.map((m) => m.id) ?? []))];
    const result = { entries, csv: classCsv(entries, milestones), overview: renderClassOverview(entries) };
    writeAtomically(path.join(folder.dir, 'class.csv'), result.csv);
    writeAtomically(path.join(folder.dir, 'class.html'), result.overview);
    return result;
  } finally {
    folder.release();
  }
}

/** Gradings at once unless told: one per core, and one more to use the time the others wait. */
export function defaultJobs(): number {
  return os.availableParallelism() + 1;
}

/** Grade one submission into a work folder and move it into place; returns its class entry. */
async function gradeInto(folder: BatchFolder, submission: ClassSubmission, options: BatchOptions, workers: number): Promise<ClassEntry> {
  const work = folder.startWork(submission.name);
  const finished = folder.finished(submission.name);
  let source: string;
  try {
    source = submission.kind === 'zip' ? unzipSubmission(submission.path, path.join(work.dir, UNZIPPED)) : submission.path;
  } catch (error) {
    // A zip that cannot be graded stays so: its grading is finished, with the reason.
    const reason = error instanceof Error ? error.message : String(error);
    fs.writeFileSync(path.join(work.dir, ERROR_FILE), `${reason}\n`);
    folder.finish(work, submission.name);
    return { name: submission.name, error: reason };
  }
  const graded = await grade({
    submission: source,
    assignmentsDir: options.assignmentsDir,
    milestones: options.milestones,
    seed: options.seed,
    timeLimitSeconds: options.timeLimitSeconds,
    memoryMb: options.memoryMb,
    evidenceDir: work.dir,
    workers,
    onProcessGroup: (pgid) => work.recordGroup(pgid),
  });
  const report = submission.kind === 'zip' ? asFinished(graded, submission, work, finished) : graded;
  writeReport(report, path.join(work.dir, REPORT_FILE));
  writeExports(report, work.dir, [...new Set<Format>([...options.formats, 'html'])]);
  folder.finish(work, submission.name);
  return { name: submission.name, report };
}

/** A zip's report as it reads once its folder is in place: the zip named as the submission, the unpacked folder where it ends up. */
function asFinished(report: Report, submission: ClassSubmission, work: WorkFolder, finished: string): Report {
  const moved = (file: string): string => file.split(work.dir).join(finished);
  return {
    ...report,
    submission: { ...report.submission, name: submission.path, path: moved(report.submission.path) },
    milestones: report.milestones.map((milestone) => withPathsRenamed(milestone, work.dir, finished)),
  };
}

/** What the finished folder of `name` holds: its report, or why it has none. */
function readEntry(folder: BatchFolder, name: string): ClassEntry {
  const dir = folder.finished(name);
  const errorFile = path.join(dir, ERROR_FILE);
  if (fs.existsSync(errorFile)) return { name, error: fs.readFileSync(errorFile, 'utf8').trim() };
  const read = readReport(path.join(dir, REPORT_FILE));
  return read.ok ? { name, report: read.report } : { name, error: `its report is not valid: ${read.problems[0] ?? 'unknown problem'}` };
}

/** Run `work` on every item, at most `limit` at a time, each started as soon as one ends. */
async function forEachAtOnce<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runner = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
}
