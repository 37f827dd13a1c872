/** One submission of a graded class, as the class summary and overview show it. */
import type { Report } from '../report';

/** One submission of the class: its report, or why it could not be graded. */
export interface ClassEntry {
  readonly name: string;
  readonly report?: Report;
  readonly error?: string;
}

/** How a submission's grading went, in one word. */
export type SubmissionStatus = 'passed' | 'partial' | 'failed' | 'timeout' | 'error';

/** `error` or `timeout` when a milestone ended so, else by points: all, some, none. */
export function submissionStatus(report: Report): SubmissionStatus {
  const statuses = report.milestones.map((milestone) => milestone.status);
  if (statuses.includes('error')) return 'error';
  if (statuses.includes('timeout')) return 'timeout';
  if (report.score >= report.maxScore) return 'passed';
  return report.score > 0 ? 'partial' : 'failed';
}
