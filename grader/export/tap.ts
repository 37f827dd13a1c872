/**
 * TAP version 14, flat: one test point per public test and per category of hidden tests (counts
 * only), each milestone introduced by a `# milestone` comment. Flat rather than subtests so that
 * TAP 13 consumers (Perl's prove among them) see every test point, not only one per milestone.
 * A failure carries a YAML diagnostics block whose strings are all double-quoted, the one form
 * every YAML reader (YAMLish included) reads the same way, whatever a message contains.
 */
import type { MilestoneReport, Report } from '../report';
import { studentReport } from './student-report';
import { hiddenGroupName, hiddenGroupOutcome, studentView } from './student-view';

/** One test point, before it is written. */
interface Point {
  readonly ok: boolean;
  readonly description: string;
  /** `# SKIP <reason>` when set. */
  readonly skip?: string;
  readonly diagnostics?: Record<string, string | number | readonly string[]>;
}

/** `report.tap`: the report as TAP version 14. */
export function renderTap(graded: Report): string {
  const report = studentReport(graded);
  const sections = report.milestones.map((milestone) => ({ milestone, points: pointsOf(milestone) }));
  const lines = ['TAP version 14', `1..${sections.reduce((sum, s) => sum + s.points.length, 0)}`];
  let number = 0;
  for (const { milestone, points } of sections) {
    lines.push(`# ${milestone.id}: ${milestone.score}/${milestone.maxScore} ${milestone.status}`);
    if (milestone.reason) lines.push(...milestone.reason.split('\n').map((line) => `#   ${line}`));
    for (const point of points) lines.push(...pointLines(++number, point));
  }
  lines.push(`# total: ${report.score}/${report.maxScore}, seed ${report.seed}`);
  return `${lines.join('\n')}\n`;
}

function pointsOf(milestone: MilestoneReport): Point[] {
  const { publicTests, hidden } = studentView(milestone);
  return [
    ...publicTests.map((test): Point => {
      const where = `${milestone.id} ${test.file} > ${test.name}`;
      if (test.status === 'passed') return { ok: true, description: where };
      if (test.status === 'skipped') return { ok: true, description: where, skip: test.message };
      return {
        ok: false,
        description: where,
        diagnostics: {
          message: test.message,
          severity: test.status === 'error' ? 'error' : 'fail',
          points: test.points,
          maxPoints: test.maxPoints,
          category: test.category,
          ...(test.artifacts.length > 0 ? { artifacts: test.artifacts } : {}),
        },
      };
    }),
    ...hidden.map((group): Point => {
      const ok = group.passed === group.total;
      const description = `${milestone.id} ${hiddenGroupName(group)}`;
      if (ok) return { ok, description };
      return { ok, description, diagnostics: { message: hiddenGroupOutcome(group), severity: 'fail', points: group.points, maxPoints: group.maxPoints } };
    }),
  ];
}

function pointLines(number: number, point: Point): string[] {
  const directive = point.skip !== undefined ? ` # SKIP ${oneLine(point.skip)}` : '';
  const lines = [`${point.ok ? 'ok' : 'not ok'} ${number} - ${escapeDescription(point.description)}${directive}`];
  if (point.diagnostics) lines.push('  ---', ...Object.entries(point.diagnostics).flatMap(([key, value]) => yamlEntry(key, value)), '  ...');
  return lines;
}

function yamlEntry(key: string, value: string | number | readonly string[]): string[] {
  if (typeof value === 'number') return [`  ${key}: ${value}`];
  if (typeof value === 'string') return [`  ${key}: ${yamlString(value)}`];
  return [`  ${key}:`, ...value.map((item) => `    - ${yamlString(item)}`)];
}

/**
 * A YAML double-quoted scalar using only the escapes YAMLish also knows (`\\`, `\"`, `\n`, `\t`,
 * `\r`, `\xHH`). Unicode line and paragraph separators, which YAML would fold, become spaces.
 */
function yamlString(value: string): string {
  const escaped = value
    .replace(/[\u0085\u2028\u2029]/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, '\\t')
    .replace(/\r/g, '\\r')
    // eslint-disable-next-line no-control-regex -- the remaining control characters get \x escapes.
    .replace(/[\u0000-\u001F\u007F]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `"${escaped}"`;
}

/** A description is one line, and `#` would start a directive: TAP 14 escapes it as `\#`. */
function escapeDescription(text: string): string {
  return oneLine(text).replace(/\\/g, '\\\\').replace(/#/g, '\\#');
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
