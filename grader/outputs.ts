/**
 * Writing a report's exports next to it: `results.json` for Gradescope, `junit.xml`, ... (see
 * export/index.ts), each whole or not at all.
 */
import * as path from 'node:path';
import { EXPORTS, type Format } from './export';
import type { Report } from './report';
import { writeAtomically } from './report-file';

/**
 * Write every export `formats` names into `dir`; returns the files written. `reportDir` is the
 * report's folder, where the evidence its tests name lies, when the exports go elsewhere.
 */
export function writeExports(report: Report, dir: string, formats: readonly Format[], reportDir = dir): string[] {
  const written: string[] = [];
  for (const format of formats) {
    if (format === 'json') continue; // the report itself, written by whoever made it
    const { file, render } = EXPORTS[format];
    const target = path.join(dir, file);
    writeAtomically(target, render(report, { reportDir, outDir: dir }));
    written.push(target);
  }
  return written;
}
