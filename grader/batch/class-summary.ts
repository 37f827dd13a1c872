/**
 * The class summary as CSV: one row per submission, its points per milestone, its total and its
 * status, for a spreadsheet or a gradebook import. Quoted as RFC 4180 says, since a submission's
 * name or an error may hold commas and quotes; a field that a spreadsheet would run as a formula
 * (`=`, `+`, `-`, `@` first) is prefixed with `'`, since names come from students.
 */
import { submissionStatus, type ClassEntry } from './class-entry';

/** The CSV text; `milestones` are the columns, in order. */
export function classCsv(entries: readonly ClassEntry[], milestones: readonly string[]): string {
  const header = ['submission', 'status', 'score', 'max_score', ...milestones, 'reason'];
  const rows = entries.map((entry) => {
    const report = entry.report;
    if (!report) return [entry.name, 'error', '', '', ...milestones.map(() => ''), entry.error ?? ''];
    const points = milestones.map((id) => {
      const milestone = report.milestones.find((m) => m.id === id);
      return milestone ? String(milestone.score) : '';
    });
    const reasons = report.milestones.filter((m) => m.reason !== undefined && m.status !== 'passed').map((m) => `${m.id}: ${m.reason}`);
    return [entry.name, submissionStatus(report), String(report.score), String(report.maxScore), ...points, reasons.join('; ')];
  });
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
