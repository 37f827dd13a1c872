/**
 * A score distribution as an inline SVG histogram: equal bins from 0 to the maximum score, the
 * count above each bar. Drawn here from numbers alone, so it can be inline markup; its only text,
 * the caption, is escaped.
 */
import { escapeMarkup } from '../../../harness/checks/escape-markup';
import { rounded } from './format';

/** Ten bins: a tenth of the points each, the way a grade distribution is read. */
export const BINS = 10;

const WIDTH = 420;
const HEIGHT = 200;
const MARGIN = { left: 44, right: 12, top: 16, bottom: 44 };

/** How many `scores` fall in each of `BINS` equal bins from 0 to `max`; the last bin holds `max` itself. */
export function binCounts(scores: readonly number[], max: number): number[] {
  const counts = new Array<number>(BINS).fill(0);
  for (const score of scores) {
    // Multiplying first keeps a score on a bin's edge in that bin: (0.6 / 3) × 10 is 1.999…, (0.6 × 10) / 3 is 2.
    const bin = max > 0 ? Math.floor((score * BINS) / max) : 0;
    const index = Math.min(BINS - 1, Math.max(0, bin));
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}

/** The histogram of `scores` out of `max`; `caption` names it for screen readers. */
export function histogramSvg(scores: readonly number[], max: number, caption: string): string {
  const counts = binCounts(scores, max);
  const highest = Math.max(1, ...counts);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const barWidth = plotWidth / BINS;
  const bottom = MARGIN.top + plotHeight;
  const edge = (i: number): number => (max * i) / BINS;
  const bars = counts.map((count, i) => {
    const height = (count / highest) * plotHeight;
    const x = MARGIN.left + i * barWidth;
    const range = `${rounded(edge(i))}–${rounded(edge(i + 1))}`;
    return [
      `<rect class="bar" data-bin="${i}" data-count="${count}" x="${x + 1}" y="${bottom - height}" width="${barWidth - 2}" height="${height}" fill="#4a78b5">`,
      `<title>${count} scored ${range}</title></rect>`,
      count > 0 ? `<text x="${x + barWidth / 2}" y="${bottom - height - 3}" text-anchor="middle">${count}</text>` : '',
    ].join('');
  });
  const ticks = Array.from({ length: BINS + 1 }, (_, i) => `<text x="${MARGIN.left + i * barWidth}" y="${bottom + 14}" text-anchor="middle">${rounded(edge(i))}</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11" role="img" aria-label="${escapeMarkup(caption)}">`,
    ...bars,
    `<line x1="${MARGIN.left}" y1="${bottom}" x2="${WIDTH - MARGIN.right}" y2="${bottom}" stroke="#000"/>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${bottom}" stroke="#000"/>`,
    `<text x="${MARGIN.left - 4}" y="${bottom}" text-anchor="end">0</text>`,
    `<text x="${MARGIN.left - 4}" y="${MARGIN.top + 8}" text-anchor="end">${highest}</text>`,
    ...ticks,
    `<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 8}" text-anchor="middle">score (points out of ${rounded(max)})</text>`,
    `<text x="12" y="${MARGIN.top + plotHeight / 2}" text-anchor="middle" transform="rotate(-90 12 ${MARGIN.top + plotHeight / 2})">submissions</text>`,
    '</svg>',
  ].join('\n');
}
