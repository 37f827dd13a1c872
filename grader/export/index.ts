/**
 * Every format a report can be turned into, with the file name it is written under (next to the
 * report). `json` is the report itself; `html` is the instructors' full view of it, hidden tests
 * included; the others are student-safe exports of it.
 */
import { UsageError } from '../errors';
import type { Report } from '../report';
import { renderClassroom } from './classroom';
import type { ExportFolders } from './folders';
import { renderGradescope } from './gradescope';
import { renderHtmlReport } from './html-report';
import { renderJunit } from './junit';
import { renderSummary } from './summary';
import { renderTap } from './tap';

/** Every `--format` name. */
export const FORMATS = ['json', 'gradescope', 'classroom', 'junit', 'tap', 'summary', 'html'] as const;
/** One `--format` name. */
export type Format = (typeof FORMATS)[number];

/** One export: its file, who may see it, and how it is made. */
export interface Export {
  readonly file: string;
  /** `students`: made from studentReport (student-report.ts), safe to hand out; `instructors`: shows everything. */
  readonly audience: 'students' | 'instructors';
  readonly render: (report: Report, folders: ExportFolders) => string;
}

/** The exports (every format but the report itself). */
export const EXPORTS: Record<Exclude<Format, 'json'>, Export> = {
  gradescope: { file: 'results.json', audience: 'students', render: renderGradescope },
  classroom: { file: 'classroom.json', audience: 'students', render: renderClassroom },
  junit: { file: 'junit.xml', audience: 'students', render: renderJunit },
  tap: { file: 'report.tap', audience: 'students', render: renderTap },
  summary: { file: 'summary.txt', audience: 'students', render: renderSummary },
  html: { file: 'report.html', audience: 'instructors', render: renderHtmlReport },
};

/** Parse `json,junit,tap`; throws a UsageError naming the unknown formats. */
export function parseFormats(text: string): Format[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(FORMATS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new UsageError(`unknown format ${unknown.join(', ')} (known: ${FORMATS.join(', ')})`);
  return [...new Set(names)] as Format[];
}
