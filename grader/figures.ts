/**
 * The figures a milestone's tests measured (harness/testkit/figures.ts), read back from the file
 * the grader named. The tests are the judge's code, but the file is read as untrusted all the same:
 * a line that is not a whole figure is skipped, names and units are bounded, and a figure measured
 * twice (a test retried) counts once, with its last value.
 */
import * as fs from 'node:fs';
import type { MeasuredFigure } from '../harness/testkit/figures';
import { isRecord } from '../harness/jest-run/jest-results';

/** At most this many figures per milestone, and this many characters of a name or unit. */
const MAX_FIGURES = 20;
const MAX_TEXT_CHARS = 120;

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT_CHARS;
}

function parseFigure(line: string): MeasuredFigure | undefined {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isRecord(data) || !isText(data.name) || !isText(data.unit) || typeof data.value !== 'number' || !Number.isFinite(data.value)) return undefined;
  return { name: data.name, value: data.value, unit: data.unit };
}

/** The figures in `file`, in the order first measured; none when there is no file. */
export function readFigures(file: string): MeasuredFigure[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const byName = new Map<string, MeasuredFigure>();
  for (const line of text.split('\n')) {
    const figure = parseFigure(line);
    if (figure && (byName.has(figure.name) || byName.size < MAX_FIGURES)) byName.set(figure.name, figure);
  }
  return [...byName.values()];
}
