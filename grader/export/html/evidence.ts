/**
 * The evidence a failed test left, as the HTML report shows it: SVG plots (time–sequence graphs,
 * cwnd plots) drawn in the page, every file linked. A plot is an <img> of a data: URI, never
 * inline markup: the file was drawn from what the submission sent, and an SVG image can run no
 * script and load nothing. A file that is gone or unreadable (the report was copied without its
 * artifacts/) becomes a note: the rest of the report is still worth reading.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathInside } from '../../../harness/loader/path-inside';
import type { ExportFolders } from '../folders';
import { escapeMarkup } from '../../../harness/checks/escape-markup';
import { urlPath } from './escape';

/** A plot larger than this is linked, not drawn (a graph of a long lossy transfer is about 600 KB). */
const MAX_PLOT_BYTES = 4 * 1024 * 1024;
/** The plots drawn in one page, together: past this, the rest are linked, so the page still opens quickly. */
const MAX_PAGE_PLOT_BYTES = 32 * 1024 * 1024;

/** One test's artifacts as HTML; empty when it has none. */
export type EvidenceHtml = (artifacts: readonly string[]) => string;

/** Renders the evidence of one page's tests, within one budget of plot bytes for the page. */
export function evidenceHtml(folders: ExportFolders): EvidenceHtml {
  let budget = MAX_PAGE_PLOT_BYTES;
  const item = (artifact: string): string => {
    // The report's schema only asks that paths start with artifacts/: a hand-edited one might climb out.
    const file = path.resolve(folders.reportDir, artifact);
    if (pathInside(path.join(folders.reportDir, 'artifacts'), file) === undefined) return note(artifact, 'not shown: outside the artifacts/ folder beside the report');
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch (error) {
      return note(artifact, unreadable(error));
    }
    const link = `<a href="${escapeMarkup(urlPath(path.relative(folders.outDir, file).split(path.sep)))}">${escapeMarkup(artifact)}</a>`;
    if (!artifact.endsWith('.svg')) return `<li>${link}</li>`;
    if (size > MAX_PLOT_BYTES || size > budget) return `<li>${link} <span class="note">(${Math.ceil(size / 1024)} KB: too large to draw in the page)</span></li>`;
    let svg: Buffer;
    try {
      svg = fs.readFileSync(file);
    } catch (error) {
      return note(artifact, unreadable(error));
    }
    budget -= size;
    return `<li><figure><img src="data:image/svg+xml;base64,${svg.toString('base64')}" alt="${escapeMarkup(artifact)}"><figcaption>${link}</figcaption></figure></li>`;
  };
  return (artifacts) => (artifacts.length === 0 ? '' : `<ul class="evidence">\n${artifacts.map(item).join('\n')}\n</ul>`);
}

function note(artifact: string, why: string): string {
  return `<li><code>${escapeMarkup(artifact)}</code> <span class="note">${escapeMarkup(why)}</span></li>`;
}

function unreadable(error: unknown): string {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing: no such file beside the report';
  return `unreadable: ${error instanceof Error ? error.message : String(error)}`;
}
