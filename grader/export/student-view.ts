/**
 * What students may see of a milestone: its public tests in full, and its hidden tests only as
 * counts and points per category — never their names or messages. Every export is built from
 * this view, so no exporter can leak a hidden test by forgetting to filter. (The milestone's `log`
 * and `configErrors` name hidden tests too; exports never use them.)
 */
import type { MilestoneReport, TestReport } from '../report';
import { sumPoints } from '../score';

/** The hidden tests of one category, counted. */
export interface HiddenGroup {
  readonly category: string;
  readonly total: number;
  readonly passed: number;
  readonly points: number;
  readonly maxPoints: number;
  readonly durationMs: number;
}

/** A milestone as a student may see it. */
export interface StudentView {
  readonly publicTests: readonly TestReport[];
  readonly hidden: readonly HiddenGroup[];
}

/** Split a milestone's tests into public tests and hidden groups (in order of first appearance). */
export function studentView(milestone: MilestoneReport): StudentView {
  const byCategory = new Map<string, TestReport[]>();
  for (const test of milestone.tests) {
    if (test.visibility !== 'hidden') continue;
    byCategory.set(test.category, [...(byCategory.get(test.category) ?? []), test]);
  }
  const hidden = [...byCategory].map(([category, tests]) => ({
    category,
    total: tests.length,
    passed: tests.filter((test) => test.status === 'passed').length,
    points: sumPoints(tests.map((test) => test.points)),
    maxPoints: sumPoints(tests.map((test) => test.maxPoints)),
    durationMs: sumPoints(tests.map((test) => test.durationMs)),
  }));
  return { publicTests: milestone.tests.filter((test) => test.visibility === 'public'), hidden };
}

/** `hidden tests: checksum`: a group's name wherever a test name goes (stable across runs). */
export function hiddenGroupName(group: HiddenGroup): string {
  return `hidden tests: ${group.category}`;
}

/** `2 of 3 hidden tests passed`: all a student learns of a group's outcome. */
export function hiddenGroupOutcome(group: HiddenGroup): string {
  return `${group.passed} of ${group.total} hidden tests passed`;
}
