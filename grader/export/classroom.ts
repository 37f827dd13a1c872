/**
 * GitHub Classroom: the result of one autograding "runner" (harness/jest-run/classroom-result.ts
 * has the format, shared with a student repository's public-only autograding). The reporter reads
 * it base64 encoded from an environment variable `<RUNNER-ID>_RESULTS`; docs/instructor-guide.md
 * shows the workflow. Classroom's grade is the sum of the tests' `score` out of `max_score`, so
 * public tests and aggregated hidden categories (no names, no messages) carry their points here.
 */
import { fittingResult, renderResult, SHRINKING_CAPS, type ClassroomResult, type ClassroomTest, type RunnerStatus } from '../../harness/jest-run/classroom-result';
import type { MilestoneReport, Report, TestStatus } from '../report';
import { reporterScores } from './reporter-sums';
import { MESSAGES_BUDGET, MIN_MESSAGE_CHARS, studentReport, type MessageBounds } from './student-report';
import { hiddenGroupName, hiddenGroupOutcome, studentView, type StudentView } from './student-view';

/**
 * The runner result of a report: messages as long as in the other exports when it fits in
 * MAX_CLASSROOM_BYTES (classroom-result.ts), shorter when not (300 failing tests with long names
 * fit at about 80 characters, the error's first line).
 */
export function toClassroom(graded: Report): ClassroomResult {
  const tries: [MessageBounds, ...MessageBounds[]] = [{ budget: MESSAGES_BUDGET, floor: MIN_MESSAGE_CHARS }, ...SHRINKING_CAPS.map((cap) => ({ budget: 0, floor: cap }))];
  return fittingResult(tries, (bounds) => resultOf(studentReport(graded, bounds)));
}

function resultOf(report: Report): ClassroomResult {
  const tests = report.milestones.flatMap((milestone) => {
    const view = studentView(milestone);
    return [...publicTests(milestone, view), ...hiddenTests(milestone, view)];
  });
  // Summed by the reporter exactly to the report's score, not to 99.99999999999994.
  const scores = reporterScores(tests.map((test) => test.score));
  const broken = report.milestones.some((m) => m.status === 'error' || m.status === 'timeout');
  return {
    version: 1,
    status: broken ? 'error' : report.score < report.maxScore ? 'fail' : 'pass',
    max_score: report.maxScore,
    tests: tests.map((test, i) => ({ ...test, score: scores[i]! })),
  };
}

/** `classroom.json`: the runner result as JSON on one line (base64-encode it for the reporter). */
export function renderClassroom(report: Report): string {
  return renderResult(toClassroom(report));
}

function publicTests(milestone: MilestoneReport, view: StudentView): ClassroomTest[] {
  return view.publicTests.map((test) => ({
    name: `${milestone.id} › ${test.name}`,
    status: runnerStatus(test.status),
    score: test.points,
    message: test.message,
    test_code: '',
    // Where the student has the file: their repository has the public tests where socklab's has them.
    filename: `assignments/${milestone.id}/tests/${test.file}`,
    line_no: 0,
    duration: Math.round(test.durationMs),
  }));
}

function hiddenTests(milestone: MilestoneReport, view: StudentView): ClassroomTest[] {
  return view.hidden.map((group) => ({
    name: `${milestone.id} › ${hiddenGroupName(group)}`,
    status: group.passed === group.total ? 'pass' : 'fail',
    score: group.points,
    message: hiddenGroupOutcome(group),
    test_code: '',
    filename: '',
    line_no: 0,
    duration: Math.round(group.durationMs),
  }));
}

function runnerStatus(status: TestStatus): RunnerStatus {
  if (status === 'passed') return 'pass';
  return status === 'error' ? 'error' : 'fail';
}
