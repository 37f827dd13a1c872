/**
 * Reports on disk. A report is checked against the schema before it is written, and written
 * whole or not at all (a temporary file renamed into place), so that an interrupted run never
 * leaves half a report where a finished one is expected.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GradingError } from './errors';
import type { Report } from './report';
import { reportProblems } from './validate-report';

/** Validate and write; a report that breaks the schema is a bug of the grader's, never written. */
export function writeReport(report: Report, file: string): void {
  const problems = reportProblems(report);
  if (problems.length > 0) throw new GradingError(`the grader produced a report that breaks its schema:\n${problems.join('\n')}`);
  writeAtomically(file, `${JSON.stringify(report, null, 2)}\n`);
}

/**
 * Why a report cannot be written to `file`, or undefined when it can: a folder in its way is a
 * file, it is a folder itself, or the nearest folder that exists is not writable. Checked before
 * grading, so that a mistyped `--out` costs no grading's work.
 */
export function unwritableReason(file: string): string | undefined {
  const target = path.resolve(file);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) return `${target} is a folder`;
  for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
    if (!fs.existsSync(dir)) continue;
    if (!fs.statSync(dir).isDirectory()) return `${dir} is a file, not a folder`;
    try {
      fs.accessSync(dir, fs.constants.W_OK);
      return undefined;
    } catch {
      return `the folder ${dir} is not writable`;
    }
  }
}

/** Write `text` to `file` whole: other readers see the old file or the new one, never a part. */
export function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}

/** What reading a report file found: the report, or why it is not one. */
export type ReadReport = { readonly ok: true; readonly report: Report } | { readonly ok: false; readonly problems: string[] };

/** Read and validate a report file. */
export function readReport(file: string): ReadReport {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return { ok: false, problems: [`${file}: ${(error as Error).message}`] };
  }
  const problems = reportProblems(data);
  return problems.length === 0 ? { ok: true, report: data as Report } : { ok: false, problems };
}
