/**
 * The class overview (`class.html`): how a whole class did, for the instructors. How many
 * submissions, each milestone's score distribution with its mean and median, the tests most
 * submissions failed (hidden ones included: this page is not for students), and a row per
 * submission linking to its own report, `NAME/report.html` beside this page.
 */
import { escapeMarkup } from '../../harness/checks/escape-markup';
import { urlPath } from '../export/html/escape';
import { fraction, rounded, statusBadge } from '../export/html/format';
import { histogramSvg } from '../export/html/histogram';
import { htmlPage } from '../export/html/page';
import { table } from '../export/html/table';
import { capText } from '../../harness/jest-run/message-text';
import type { Report } from '../report';
import { sumPoints } from '../score';
import { submissionStatus, type ClassEntry } from './class-entry';

/** The tests listed as most often failed: the top of the list is where teaching helps most. */
const MAX_FAILED_TESTS = 20;
/** Of why a submission could not be graded, this much: the start says what went wrong. */
const MAX_ERROR_CHARS = 2000;

/** A milestone as the class saw it, in the order the reports list them. */
interface ClassMilestone {
  readonly id: string;
  readonly title: string;
  readonly maxScore: number;
}

/** A graded entry. */
interface Graded {
  readonly name: string;
  readonly report: Report;
}

/** The overview of `entries`, in their order. */
export function renderClassOverview(entries: readonly ClassEntry[]): string {
  const graded = entries.flatMap((entry): Graded[] => (entry.report === undefined ? [] : [{ name: entry.name, report: entry.report }]));
  const milestones = classMilestones(graded);
  const body = [
    '<h1>socklab: class overview</h1>',
    `<p id="count">${entries.length} submission(s): ${graded.length} graded, ${entries.length - graded.length} could not be graded.</p>`,
    '<p class="audience">The instructors\' view: hidden tests are named. Do not publish this page to students.</p>',
    '<h2>Score distributions</h2>',
    distributions(graded, milestones),
    '<h2>Tests most often failed</h2>',
    mostFailed(graded),
    '<h2>Submissions</h2>',
    submissions(entries, milestones),
  ];
  return htmlPage('socklab: class overview', body.join('\n'));
}

/** Every milestone some report graded, with the largest maximum any report gave it. */
function classMilestones(graded: readonly Graded[]): ClassMilestone[] {
  const byId = new Map<string, ClassMilestone>();
  for (const milestone of graded.flatMap(({ report }) => report.milestones)) {
    const known = byId.get(milestone.id);
    byId.set(milestone.id, { id: milestone.id, title: milestone.title, maxScore: Math.max(known?.maxScore ?? 0, milestone.maxScore) });
  }
  return [...byId.values()];
}

/** The total's histogram, then each milestone's, over the submissions that were graded on it. */
function distributions(graded: readonly Graded[], milestones: readonly ClassMilestone[]): string {
  if (graded.length === 0) return '<p>No submission was graded.</p>';
  const total = { id: 'total', title: 'all milestones', maxScore: Math.max(...graded.map(({ report }) => report.maxScore)) };
  const figures = [
    distribution(total, graded.map(({ report }) => report.score)),
    ...milestones.map((milestone) =>
      distribution(milestone, graded.flatMap(({ report }) => report.milestones.filter((m) => m.id === milestone.id).map((m) => m.score))),
    ),
  ];
  return `<div class="histograms">\n${figures.join('\n')}\n</div>`;
}

function distribution(milestone: ClassMilestone, scores: readonly number[]): string {
  const caption = `${milestone.id}: ${milestone.title}`;
  const stats = `mean ${rounded(sumPoints(scores) / scores.length)}, median ${rounded(median(scores))}, of ${scores.length} submission(s)`;
  return [
    `<figure class="distribution" data-milestone="${escapeMarkup(milestone.id)}">`,
    `<figcaption><strong>${escapeMarkup(caption)}</strong><br>${stats}</figcaption>`,
    histogramSvg(scores, milestone.maxScore, `${caption}: scores out of ${milestone.maxScore}`),
    '</figure>',
  ].join('\n');
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Each test that failed (or could not run) in some submission: how many of those that ran it. */
function mostFailed(graded: readonly Graded[]): string {
  const counts = new Map<string, { milestone: string; test: string; failed: number; outOf: number }>();
  for (const milestone of graded.flatMap(({ report }) => report.milestones)) {
    for (const test of milestone.tests) {
      const key = JSON.stringify([milestone.id, test.id]);
      const count = counts.get(key) ?? { milestone: milestone.id, test: test.id, failed: 0, outOf: 0 };
      counts.set(key, { ...count, failed: count.failed + (test.status === 'failed' || test.status === 'error' ? 1 : 0), outOf: count.outOf + 1 });
    }
  }
  // A stable sort: tests failed equally often keep the order of the milestones and their tests.
  const failing = [...counts.values()].filter((count) => count.failed > 0).sort((a, b) => b.failed - a.failed);
  if (failing.length === 0) return '<p>No test failed.</p>';
  const rows = failing.slice(0, MAX_FAILED_TESTS).map((count) =>
    [
      '<tr class="failed-test">',
      `<td><code>${escapeMarkup(count.test)}</code></td>`,
      `<td>${escapeMarkup(count.milestone)}</td>`,
      `<td class="number">${count.failed}</td>`,
      `<td class="number">${count.outOf}</td>`,
      '</tr>',
    ].join(''),
  );
  const more = failing.length > MAX_FAILED_TESTS ? [`<p>… and ${failing.length - MAX_FAILED_TESTS} more tests failed at least once.</p>`] : [];
  return [table(['test', 'milestone', 'failed in', 'out of'], rows), ...more].join('\n');
}

/** A row per submission: its scores linked to its report and its status as class.csv gives it, or why it has none. */
function submissions(entries: readonly ClassEntry[], milestones: readonly ClassMilestone[]): string {
  const rows = entries.map((entry) => {
    const { report } = entry;
    if (report === undefined) {
      const why = `<pre>${escapeMarkup(capText(entry.error ?? 'no report', MAX_ERROR_CHARS))}</pre>`;
      return `<tr class="submission"><td>${escapeMarkup(entry.name)}</td><td colspan="${milestones.length + 1}"></td><td>${statusBadge('error')} could not be graded${why}</td></tr>`;
    }
    const cells = milestones.map((milestone) => {
      const graded = report.milestones.find((m) => m.id === milestone.id);
      return graded === undefined ? '<td>not graded</td>' : `<td class="number">${fraction(graded.score, graded.maxScore)} ${statusBadge(graded.status)}</td>`;
    });
    return [
      '<tr class="submission">',
      `<td><a href="${escapeMarkup(urlPath([entry.name, 'report.html']))}">${escapeMarkup(entry.name)}</a></td>`,
      ...cells,
      `<td class="number"><strong>${fraction(report.score, report.maxScore)}</strong></td>`,
      `<td>${statusBadge(submissionStatus(report))}</td>`,
      '</tr>',
    ].join('');
  });
  return table(['submission', ...milestones.map((milestone) => milestone.id), 'total', 'status'], rows);
}
