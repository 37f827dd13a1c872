/**
 * The readable summary for a terminal: a table by milestone, then what went wrong — failing public
 * tests with the first line of their message, hidden tests only as counts by category, and the
 * reason of a milestone that did not run to the end. Safe to show a student, and to print: no
 * escape sequence a stack's message or file name carries reaches the terminal (plain-text.ts).
 */
import { jestRerun } from '../../harness/testkit/rerun';
import { firstLine } from '../messages';
import { plainText } from './plain-text';
import type { MilestoneReport, Report } from '../report';
import { studentReport } from './student-report';
import { studentView } from './student-view';

const HEADER = ['milestone', 'score', 'status', 'passed', 'failed', 'other'] as const;
/** The columns holding numbers. */
const NUMERIC = new Set([1, 3, 4, 5]);
/** Failing public tests listed per milestone: enough to start on, short enough to read. */
const MAX_FAILING_SHOWN = 20;

/** Files left out by staging, listed: the first ones say what happened. */
const MAX_REFUSALS_SHOWN = 10;

/** The summary of a report, as printed on the terminal. */
export function renderSummary(graded: Report): string {
  const report = studentReport(graded);
  const { submission, seed } = report;
  const lines = [
    `socklab grader ${report.graderVersion}: ${submission.name} (${submission.contentHash.slice(0, 19)}…), seed ${seed}`,
    '',
    ...table([
      [...HEADER],
      ...report.milestones.map((m) => [m.id, `${m.score}/${m.maxScore}`, m.status, ...counts(m)]),
      ['total', `${report.score}/${report.maxScore}`, '', '', '', ''],
    ]),
  ];
  lines.push(...refusals(submission.refused));
  for (const milestone of report.milestones) lines.push(...details(milestone));
  if (report.milestones.some((m) => m.status !== 'passed')) lines.push('', reproduce(report));
  return `${plainText(lines.join('\n'))}\n`;
}

/** What staging left out of the graded copy: a student who linked a file wants to know it was not graded. */
function refusals(refused: Report['submission']['refused']): string[] {
  if (refused.length === 0) return [];
  const shown = refused.slice(0, MAX_REFUSALS_SHOWN).map((refusal) => `  ${refusal.path}: ${refusal.reason}`);
  const more = refused.length > MAX_REFUSALS_SHOWN ? [`  … and ${refused.length - MAX_REFUSALS_SHOWN} more`] : [];
  return ['', 'Left out of the graded copy of the submission (only regular files inside it are graded):', ...shown, ...more];
}

/**
 * How to rerun a failure where the student is: in their repository, where the tests load their own
 * stack. The first failing public test's own command when there is one (each public failure's
 * message has its own); never a hidden test's, whose file the student does not have.
 */
function reproduce(report: Report): string {
  for (const milestone of report.milestones) {
    const test = studentView(milestone).publicTests.find((t) => t.status === 'failed' || t.status === 'error');
    if (test) return `Reproduce a failure with the same seed, the first one for example:\n  ${jestRerun(report.seed, `assignments/${milestone.id}/tests/${test.file}`, test.name)}`;
  }
  return `Reproduce a failure with the same seed: SOCKLAB_SEED=${report.seed} npx jest assignments/<milestone>/tests/public/<file> -t '<test name>'`;
}

/** Passed, failed (failed or error), other (skipped) — over all tests, hidden ones included. */
function counts(milestone: MilestoneReport): string[] {
  const passed = milestone.tests.filter((t) => t.status === 'passed').length;
  const failed = milestone.tests.filter((t) => t.status === 'failed' || t.status === 'error').length;
  return [passed, failed, milestone.tests.length - passed - failed].map(String);
}

/** What went wrong in one milestone; nothing when it passed. */
function details(milestone: MilestoneReport): string[] {
  if (milestone.status === 'passed') return [];
  const lines = ['', `${milestone.id}: ${milestone.status}`];
  if (milestone.reason) lines.push(indent(milestone.reason, '  '));
  // When the whole milestone did not run, every test says the same "did not run": the reason is enough.
  if (milestone.status === 'error' || milestone.status === 'timeout' || milestone.status === 'skipped') return lines;
  const { publicTests, hidden } = studentView(milestone);
  // A shared cause (the milestone's reason) already says what each failing test would repeat.
  const failing = milestone.reason ? [] : publicTests.filter((t) => t.status !== 'passed');
  for (const test of failing.slice(0, MAX_FAILING_SHOWN)) {
    lines.push(`  ✗ ${test.name}  (${test.file}, ${test.status})`, `      ${firstLine(test.message)}`);
  }
  if (failing.length > MAX_FAILING_SHOWN) lines.push(`  … and ${failing.length - MAX_FAILING_SHOWN} more failing public tests`);
  if (hidden.length > 0) {
    const passed = hidden.reduce((sum, group) => sum + group.passed, 0);
    const total = hidden.reduce((sum, group) => sum + group.total, 0);
    const byCategory = hidden.map((group) => `${group.category} ${group.passed}/${group.total}`).join(', ');
    lines.push(`  hidden tests: ${passed} of ${total} passed (${byCategory})`);
  }
  if (milestone.configErrors.length > 0) {
    lines.push(`  grading configuration: ${milestone.configErrors.length} problem(s), see the report`);
  }
  return lines;
}

/** Columns two spaces apart; numbers right-aligned. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths = HEADER.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const pad = (cell: string, column: number): string =>
    NUMERIC.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0);
  return rows.map((row) => row.map(pad).join('  ').trimEnd());
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
