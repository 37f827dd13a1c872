/**
 * The report as an export may show it to a student: every exporter starts from this, so none can
 * show what the report keeps for instructors by forgetting to clean it.
 *
 * - Text (public tests' messages, milestones' reasons) loses the grading machine's paths and its
 *   rerun commands' pointers at the graded folder (machine-paths.ts), and is cut to a bounded size.
 * - The submission's folder is `stack/`, the assignments' `assignments/`: the absolute folders of
 *   the grading machine stay in report.json.
 * - Hidden tests keep their category, status, points and time (all the exports count); their
 *   names, files and messages are gone. The log and the configuration errors are gone too (the
 *   latter keep their number, which the summary shows).
 */
import * as path from 'node:path';
import { capText } from '../../harness/jest-run/message-text';
import type { MilestoneReport, Report, TestReport } from '../report';
import { machinePaths, scrubPaths, STUDENT_STACK, type MachinePaths } from './machine-paths';

/** At most this much of a test's message: the error, the rerun command, the pcap and a ladder. */
export const MAX_MESSAGE_CHARS = 4000;
/** At least this much, however many tests failed: the error and the command that reruns it. */
export const MIN_MESSAGE_CHARS = 600;
/**
 * The messages of one export together, as long as no message falls below MIN_MESSAGE_CHARS: 30
 * failing tests keep 4,000 characters each; 300 keep 600, about 180,000 in all.
 */
export const MESSAGES_BUDGET = 120_000;
/** At most this much of a milestone's reason (compile errors, how the test process died). */
export const MAX_REASON_CHARS = 2000;
/** At most this many of the files staging refused (a submission may hold thousands). */
const MAX_REFUSALS = 50;
/** Text longer than this is cut before it is cleaned, which scans all of it. */
const MAX_SCANNED_CHARS = 64_000;

/** How much of the messages an export shows. */
export interface MessageBounds {
  /** The characters of all messages together, shared equally. */
  readonly budget: number;
  /** What each keeps however small its share. */
  readonly floor: number;
}

/** The report a student may see, its messages within `bounds`. */
export function studentReport(report: Report, bounds: MessageBounds = { budget: MESSAGES_BUDGET, floor: MIN_MESSAGE_CHARS }): Report {
  const paths = machinePaths(report);
  const clean = (text: string, max: number): string => capText(scrubPaths(capText(text, MAX_SCANNED_CHARS), paths), max);
  const shown = report.milestones.flatMap((m) => m.tests).filter((t) => t.visibility === 'public' && t.message !== '').length;
  const perMessage = Math.min(MAX_MESSAGE_CHARS, Math.max(bounds.floor, Math.floor(bounds.budget / Math.max(1, shown))));
  return {
    ...report,
    submission: {
      ...report.submission,
      name: shownName(report.submission.name, paths),
      path: `${STUDENT_STACK}/`,
      refused: report.submission.refused.slice(0, MAX_REFUSALS).map(({ path: file, reason }) => ({ path: clean(file, MAX_REASON_CHARS), reason: clean(reason, MAX_REASON_CHARS) })),
    },
    assignments: 'assignments/',
    milestones: report.milestones.map((milestone) => studentMilestone(milestone, (text) => clean(text, perMessage), (text) => clean(text, MAX_REASON_CHARS))),
  };
}

type Clean = (text: string) => string;

function studentMilestone(milestone: MilestoneReport, message: Clean, reason: Clean): MilestoneReport {
  // The log is left out by building the milestone field by field rather than copying it.
  const { id, title, score, maxScore, status, durationMs, limits, tests, configErrors } = milestone;
  return {
    id,
    title,
    score,
    maxScore,
    status,
    ...(milestone.reason !== undefined ? { reason: reason(milestone.reason) } : {}),
    durationMs,
    limits,
    tests: tests.map((test) => (test.visibility === 'public' ? { ...test, message: message(test.message) } : anonymous(test))),
    configErrors: configErrors.map(() => 'a problem of the grading configuration (in the report)'),
    ...(milestone.figures === undefined ? {} : { figures: milestone.figures }),
  };
}

/** A hidden test as the exports count it: nothing that says which test it is or what it checked. */
function anonymous(test: TestReport): TestReport {
  return { ...test, id: 'hidden', file: 'hidden/', name: 'hidden', message: '', artifacts: [] };
}

/** `starter`, or the last part of a path given on the command line (`/autograder/submission`: `submission`). */
function shownName(name: string, paths: MachinePaths): string {
  if (!name.includes('/')) return name;
  return scrubPaths(path.posix.basename(name.replace(/\/+$/, '')) || STUDENT_STACK, paths);
}
