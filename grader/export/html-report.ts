/**
 * The HTML report of one submission (`report.html`): the instructors' full view, hidden tests'
 * names and messages included, with the evidence of each failure beside its message — the
 * time–sequence graphs and cwnd plots drawn, the pcaps linked. One file that needs nothing but
 * the artifacts/ folder beside it (for the pcap links). Never hand it to a student: the exports
 * made for them start from studentReport (student-report.ts), this one does not.
 */
import type { MeasuredFigure } from '../../harness/testkit/figures';
import type { MilestoneReport, Report, TestReport } from '../report';
import type { ExportFolders } from './folders';
import { escapeMarkup } from '../../harness/checks/escape-markup';
import { evidenceHtml, type EvidenceHtml } from './html/evidence';
import { duration, fraction, statusBadge } from './html/format';
import { htmlPage } from './html/page';
import { table } from './html/table';

/** The whole page; the evidence is read from `folders.reportDir` and linked from `folders.outDir`. */
export function renderHtmlReport(report: Report, folders: ExportFolders): string {
  const evidence = evidenceHtml(folders);
  const body = [header(report), overview(report), ...report.milestones.map((milestone, index) => milestoneSection(milestone, index, evidence))];
  return htmlPage(`socklab report: ${report.submission.name}`, body.join('\n'));
}

function header(report: Report): string {
  const { submission } = report;
  const missing = report.protections.filter((protection) => !protection.obtained);
  return [
    `<h1>socklab report: ${escapeMarkup(submission.name)}</h1>`,
    `<p class="score" id="score">${fraction(report.score, report.maxScore)}</p>`,
    '<p class="audience">The instructors\' view: hidden tests are shown in full. Give students the other exports (summary, Gradescope, JUnit, TAP), never this page.</p>',
    '<dl class="facts">',
    `<dt>seed</dt><dd>${report.seed} (<code>SOCKLAB_SEED=${report.seed}</code> reproduces any failure)</dd>`,
    `<dt>graded</dt><dd>${escapeMarkup(report.startedAt)}, in ${duration(report.durationMs)}, by grader ${escapeMarkup(report.graderVersion)}</dd>`,
    `<dt>submission</dt><dd><code>${escapeMarkup(submission.path)}</code>, <code>${escapeMarkup(submission.contentHash)}</code></dd>`,
    `<dt>assignments</dt><dd><code>${escapeMarkup(report.assignments)}</code></dd>`,
    ...(missing.length === 0 ? [] : [`<dt>protections missing</dt><dd>${missing.map((p) => `${escapeMarkup(p.name)}: ${escapeMarkup(p.how)}`).join('<br>')}</dd>`]),
    '</dl>',
    ...refusals(submission.refused),
  ].join('\n');
}

/** What staging left out: a file the student relied on that was not graded explains many failures. */
function refusals(refused: Report['submission']['refused']): string[] {
  if (refused.length === 0) return [];
  const items = refused.map((refusal) => `<li><code>${escapeMarkup(refusal.path)}</code>: ${escapeMarkup(refusal.reason)}</li>`);
  return [`<details><summary>${refused.length} file(s) left out of the graded copy</summary><ul>`, ...items, '</ul></details>'];
}

function overview(report: Report): string {
  const rows = report.milestones.map((milestone, index) => {
    const passed = milestone.tests.filter((test) => test.status === 'passed').length;
    return [
      '<tr>',
      `<td><a href="#milestone-${index}">${escapeMarkup(milestone.id)}</a></td>`,
      `<td>${escapeMarkup(milestone.title)}</td>`,
      `<td>${statusBadge(milestone.status)}</td>`,
      `<td class="number">${fraction(milestone.score, milestone.maxScore)}</td>`,
      `<td class="number">${passed} of ${milestone.tests.length}</td>`,
      `<td class="number">${duration(milestone.durationMs)}</td>`,
      '</tr>',
    ].join('');
  });
  return table(['milestone', 'title', 'status', 'score', 'tests passed', 'time'], rows);
}

function milestoneSection(milestone: MilestoneReport, index: number, evidence: EvidenceHtml): string {
  const anchor = `milestone-${index}`;
  const { wallSeconds, memoryMb } = milestone.limits;
  const reported = milestone.tests.map((test, position) => ({ test, target: explained(test) ? `${anchor}-test-${position}` : undefined }));
  return [
    `<section id="${anchor}">`,
    `<h2>${escapeMarkup(milestone.id)}: ${escapeMarkup(milestone.title)}</h2>`,
    `<p>${statusBadge(milestone.status)} <strong>${fraction(milestone.score, milestone.maxScore)}</strong> in ${duration(milestone.durationMs)} (limits: ${wallSeconds} s, ${memoryMb} MB)</p>`,
    ...(milestone.reason === undefined ? [] : [`<pre class="reason">${escapeMarkup(milestone.reason)}</pre>`]),
    ...configErrors(milestone.configErrors),
    ...figures(milestone.figures ?? []),
    ...(milestone.log === undefined ? [] : [`<details><summary>the end of the test process's stderr</summary><pre>${escapeMarkup(milestone.log)}</pre></details>`]),
    table(
      ['test', 'file', 'status', 'points', 'visibility', 'category', 'time'],
      reported.map(({ test, target }) => testRow(test, target)),
    ),
    ...reported.flatMap(({ test, target }) => (target === undefined ? [] : [failure(test, target, evidence)])),
    '</section>',
  ].join('\n');
}

/** Disagreements between milestone.json and the suites: tests that were not scored. */
function configErrors(errors: readonly string[]): string[] {
  if (errors.length === 0) return [];
  return ['<p class="note">The grading configuration disagrees with the suites:</p><ul>', ...errors.map((error) => `<li>${escapeMarkup(error)}</li>`), '</ul>'];
}

function figures(measured: readonly MeasuredFigure[]): string[] {
  if (measured.length === 0) return [];
  return ['<ul class="figures">', ...measured.map((figure) => `<li>${escapeMarkup(figure.name)}: ${figure.value} ${escapeMarkup(figure.unit)}</li>`), '</ul>'];
}

/** Whether a test has a message or evidence to show below its milestone's table. */
function explained(test: TestReport): boolean {
  return test.message !== '' || test.artifacts.length > 0;
}

/** One row of a milestone's table; its name links to the message below when it has one. */
function testRow(test: TestReport, anchor: string | undefined): string {
  const name = escapeMarkup(test.name);
  return [
    '<tr>',
    `<td>${anchor === undefined ? name : `<a href="#${anchor}">${name}</a>`}</td>`,
    `<td><code>${escapeMarkup(test.file)}</code></td>`,
    `<td>${statusBadge(test.status)}</td>`,
    `<td class="number">${fraction(test.points, test.maxPoints)}</td>`,
    `<td>${escapeMarkup(test.visibility)}</td>`,
    `<td>${escapeMarkup(test.category)}</td>`,
    `<td class="number">${duration(test.durationMs)}</td>`,
    '</tr>',
  ].join('');
}

/** A test's message (ladder diagrams are text: <pre> keeps their columns) and its evidence. */
function failure(test: TestReport, anchor: string, evidence: EvidenceHtml): string {
  return [
    `<article class="failure" id="${anchor}">`,
    `<h3>${escapeMarkup(test.name)}</h3>`,
    `<p>${statusBadge(test.status)} <code>${escapeMarkup(test.file)}</code>, ${escapeMarkup(test.visibility)}, ${escapeMarkup(test.category)}</p>`,
    ...(test.message === '' ? [] : [`<pre>${escapeMarkup(test.message)}</pre>`]),
    evidence(test.artifacts),
    '</article>',
  ].join('\n');
}
