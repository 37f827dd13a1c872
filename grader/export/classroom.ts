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
import { MESSAGES_BUDGET, MIN_MESSAGE_CHARS, studentReport, type MessageBounds } from './student-report';
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

/**
 * The largest `classroom.json`. The grading reporter reads it base64-encoded from one environment
 * variable (docs/instructor-guide.md), and Linux starts no process given an environment string
 * over 128 KiB (MAX_ARG_STRLEN): 96,000 bytes are 128,000 in base64, leaving room for the name.
 */
export const MAX_CLASSROOM_BYTES = 96_000;
/** Each message's cap, tried in turn while the file is too large (the last: no message at all). */
const SHRINKING_CAPS = [2000, 1000, 600, 400, 300, 240, 200, 160, 120, 80, 0];

/**
 * The runner result of a report: messages as long as in the other exports when it fits in
 * MAX_CLASSROOM_BYTES, shorter when not (300 failing tests with long names fit at about 80
 * characters, the error's first line).
 */
export function toClassroom(graded: Report): ClassroomResult {
  const tries: MessageBounds[] = [{ budget: MESSAGES_BUDGET, floor: MIN_MESSAGE_CHARS }, ...SHRINKING_CAPS.map((cap) => ({ budget: 0, floor: cap }))];
  let result: ClassroomResult | undefined;
  for (const bounds of tries) {
    result = resultOf(studentReport(graded, bounds));
    if (Buffer.byteLength(renderResult(result)) <= MAX_CLASSROOM_BYTES) break;
  }
  // Left too large only by the tests' names and points: nothing more to take out.
  return result ?? resultOf(studentReport(graded));
}

function resultOf(report: Report): ClassroomResult {
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

/** `classroom.json`: the runner result as JSON on one line (base64-encode it for the reporter). */
export function renderClassroom(report: Report): string {
  return renderResult(toClassroom(report));
}

/** One line: the file is made for the reporter, and indentation would take a fifth of its size limit. */
function renderResult(result: ClassroomResult): string {
  return `${JSON.stringify(result)}\n`;
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
