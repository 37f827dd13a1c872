/**
 * GitHub Classroom: the result of one autograding "runner", in the format the official runners
 * (classroom-resources/autograding-command-grader and its siblings) hand to
 * classroom-resources/autograding-grading-reporter: `{version: 1, status, max_score, tests[]}`,
 * each test `{name, status: pass|fail|error, score, message, ...}`. The reporter reads it base64
 * encoded from an environment variable `<RUNNER-ID>_RESULTS`; docs/instructor-guide.md shows the
 * workflow step. Classroom's grade is the sum of the tests' `score` out of `max_score`, so public
 * tests and aggregated hidden categories (no names, no messages) carry their points here.
 */
import type { MilestoneReport, Report, TestStatus } from '../report';
import { hiddenGroupName, hiddenGroupOutcome, studentView, type StudentView } from './student-view';

type RunnerStatus = 'pass' | 'fail' | 'error';

interface ClassroomTest {
  readonly name: string;
  readonly status: RunnerStatus;
  readonly score: number;
  readonly message: string;
  readonly test_code: string;
  readonly filename: string;
  readonly line_no: number;
  /** Milliseconds. */
  readonly duration: number;
}

/** One runner's result, as the grading reporter reads it. */
export interface ClassroomResult {
  readonly version: 1;
  readonly status: RunnerStatus;
  readonly max_score: number;
  readonly tests: readonly ClassroomTest[];
}

/** The runner result of a report. */
export function toClassroom(report: Report): ClassroomResult {
  const tests = report.milestones.flatMap((milestone) => {
    const view = studentView(milestone);
    return [...publicTests(milestone, view), ...hiddenTests(milestone, view)];
  });
  const broken = report.milestones.some((m) => m.status === 'error' || m.status === 'timeout');
  return {
    version: 1,
    status: broken ? 'error' : report.score < report.maxScore ? 'fail' : 'pass',
    max_score: report.maxScore,
    tests,
  };
}

/** `classroom.json`: the runner result as JSON (base64-encode it for the reporter). */
export function renderClassroom(report: Report): string {
  return `${JSON.stringify(toClassroom(report), null, 2)}\n`;
}

function publicTests(milestone: MilestoneReport, view: StudentView): ClassroomTest[] {
  return view.publicTests.map((test) => ({
    name: `${milestone.id} › ${test.name}`,
    status: runnerStatus(test.status),
    score: test.points,
    message: test.message,
    test_code: '',
    filename: `${milestone.id}/tests/${test.file}`,
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
