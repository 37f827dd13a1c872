/**
 * Every format a report can be turned into, with the file name it is written under (next to the
 * report). `json` is the report itself; the others are student-safe exports of it.
 */
import { UsageError } from '../errors';
import type { Report } from '../report';
import { renderClassroom } from './classroom';
import { renderGradescope } from './gradescope';
import { renderJunit } from './junit';
import { renderSummary } from './summary';
import { renderTap } from './tap';

/** Every `--format` name. */
export const FORMATS = ['json', 'gradescope', 'classroom', 'junit', 'tap', 'summary'] as const;
/** One `--format` name. */
export type Format = (typeof FORMATS)[number];

/** The exports (every format but the report itself). */
export const EXPORTS: Record<Exclude<Format, 'json'>, { readonly file: string; readonly render: (report: Report) => string }> = {
  gradescope: { file: 'results.json', render: renderGradescope },
  classroom: { file: 'classroom.json', render: renderClassroom },
  junit: { file: 'junit.xml', render: renderJunit },
  tap: { file: 'report.tap', render: renderTap },
  summary: { file: 'summary.txt', render: renderSummary },
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
