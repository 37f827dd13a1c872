/**
 * Gradescope's `results.json` (the autograder specification's output format).
 *
 * - Public tests: one Gradescope test each, `visible`, with the failure message as output.
 * - Hidden tests: aggregated, one Gradescope test per milestone and category, carrying the
 *   category's points and "2 of 3 hidden tests passed" — never a name or a message — with
 *   visibility `after_published`: students see hidden results once the instructor publishes
 *   grades, as the course's "counts and categories" rule allows, and not before.
 * - `output` is the student-safe summary; `stdout_visibility` is `hidden`, because the grader's
 *   stdout is for instructors.
 * - `leaderboard`: the score, the number of milestones passed, and each figure the tests measured
 *   (milestone 4's goodput on the standard lossy path), named with its milestone and unit.
 */
import type { Report } from '../report';
import { studentReport } from './student-report';
import { hiddenGroupName, hiddenGroupOutcome, studentView } from './student-view';
import { renderSummary } from './summary';

type GradescopeVisibility = 'visible' | 'hidden' | 'after_due_date' | 'after_published';

interface GradescopeTest {
  readonly score: number;
  readonly max_score: number;
  readonly status: 'passed' | 'failed';
  readonly name: string;
  readonly number: string;
  readonly output: string;
  readonly tags: readonly string[];
  readonly visibility: GradescopeVisibility;
}

/** Gradescope's `results.json`, with the fields socklab fills. */
export interface GradescopeResults {
  readonly score: number;
  /** Seconds. */
  readonly execution_time: number;
  readonly output: string;
  readonly visibility: GradescopeVisibility;
  readonly stdout_visibility: GradescopeVisibility;
  readonly tests: readonly GradescopeTest[];
  readonly leaderboard: readonly { readonly name: string; readonly value: number }[];
}

/** How aggregated hidden tests are shown; see the module comment. */
const HIDDEN_VISIBILITY: GradescopeVisibility = 'after_published';

/** The Gradescope results of a report. */
export function toGradescope(graded: Report): GradescopeResults {
  const report = studentReport(graded);
  const tests = report.milestones.flatMap((milestone, m) => {
    const { publicTests, hidden } = studentView(milestone);
    const number = (t: number): string => `${m + 1}.${t + 1}`;
    return [
      ...publicTests.map(
        (test, t): GradescopeTest => ({
          score: test.points,
          max_score: test.maxPoints,
          status: test.status === 'passed' ? 'passed' : 'failed',
          name: `${milestone.id} › ${test.name}`,
          number: number(t),
          output: test.message,
          tags: [milestone.id, test.category, 'public'],
          visibility: 'visible',
        }),
      ),
      ...hidden.map(
        (group, g): GradescopeTest => ({
          score: group.points,
          max_score: group.maxPoints,
          status: group.passed === group.total ? 'passed' : 'failed',
          name: `${milestone.id} › ${hiddenGroupName(group)}`,
          number: number(publicTests.length + g),
          output: hiddenGroupOutcome(group),
          tags: [milestone.id, group.category, 'hidden'],
          visibility: HIDDEN_VISIBILITY,
        }),
      ),
    ];
  });
  return {
    score: report.score,
    execution_time: Math.round(report.durationMs / 1000),
    output: renderSummary(graded),
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
    leaderboard: [
      { name: 'Score', value: report.score },
      { name: 'Milestones passed', value: report.milestones.filter((m) => m.status === 'passed').length },
      ...report.milestones.flatMap((milestone) => (milestone.figures ?? []).map((figure) => ({ name: `${milestone.id}: ${figure.name} (${figure.unit})`, value: figure.value }))),
    ],
  };
}

/** `results.json`. */
export function renderGradescope(report: Report): string {
  return `${JSON.stringify(toGradescope(report), null, 2)}\n`;
}
