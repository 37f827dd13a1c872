/**
 * A time–sequence graph (time-sequence.ts) as a self-contained SVG, in the style of tcptrace:
 * time to the right, sequence numbers up; each data segment a vertical bar from its first to its
 * last byte (black, red when it is a retransmission, grey and crossed when a link dropped it), the
 * ACK line (green) and the window line, ACK + advertised window (orange), both as steps.
 */
import { escapeMarkup } from './escape-markup';
import type { GraphAck, GraphSegment, TimeSequence } from './time-sequence';

const WIDTH = 1000;
const HEIGHT = 600;
const MARGIN = { left: 90, right: 20, top: 40, bottom: 50 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
const TICKS = 5;

interface Scale {
  x(timeUs: number): number;
  y(seq: number): number;
}

const fixed = (n: number): string => n.toFixed(1);

/** The graph's extent: its first and last time, and its highest sequence number. */
function bounds(graph: TimeSequence): { t0: number; t1: number; top: number } {
  let [t0, t1, top] = [Infinity, -Infinity, 1];
  for (const s of graph.segments) [t0, t1, top] = [Math.min(t0, s.timeUs), Math.max(t1, s.timeUs), Math.max(top, s.to)];
  for (const a of graph.acks) [t0, t1, top] = [Math.min(t0, a.timeUs), Math.max(t1, a.timeUs), Math.max(top, a.windowEdge)];
  return { t0, t1, top };
}

function scaleFor(graph: TimeSequence): Scale {
  const { t0, t1, top } = bounds(graph);
  const span = Math.max(1, t1 - t0);
  return {
    x: (timeUs) => MARGIN.left + ((timeUs - t0) / span) * PLOT_WIDTH,
    y: (seq) => MARGIN.top + PLOT_HEIGHT - (seq / top) * PLOT_HEIGHT,
  };
}

/** One path of vertical bars, one per segment. */
function bars(segments: readonly GraphSegment[], scale: Scale): string {
  return segments.map((s) => `M${fixed(scale.x(s.timeUs))} ${fixed(scale.y(s.from))}V${fixed(scale.y(s.to))}`).join('');
}

/** A step line through `points`: flat until the next ACK, then up (or down) to its value. */
function steps(acks: readonly GraphAck[], value: (ack: GraphAck) => number, scale: Scale): string {
  return acks.map((a, i) => `${i === 0 ? 'M' : 'H'}${fixed(scale.x(a.timeUs))}${i === 0 ? ' ' : 'V'}${fixed(scale.y(value(a)))}`).join('');
}

function axes(graph: TimeSequence): string {
  const { t0, t1, top } = bounds(graph);
  const labels: string[] = [];
  for (let i = 0; i <= TICKS; i++) {
    const x = MARGIN.left + (i / TICKS) * PLOT_WIDTH;
    const y = MARGIN.top + PLOT_HEIGHT - (i / TICKS) * PLOT_HEIGHT;
    labels.push(`<text x="${fixed(x)}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle">${((t0 + (i / TICKS) * (t1 - t0)) / 1e6).toFixed(3)} s</text>`);
    labels.push(`<text x="${MARGIN.left - 8}" y="${fixed(y + 4)}" text-anchor="end">${Math.round((i / TICKS) * top)}</text>`);
  }
  return [
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${PLOT_WIDTH}" height="${PLOT_HEIGHT}" fill="white" stroke="#888"/>`,
    ...labels,
    `<text x="${MARGIN.left + PLOT_WIDTH / 2}" y="${HEIGHT - 10}" text-anchor="middle">time</text>`,
    `<text x="16" y="${MARGIN.top + PLOT_HEIGHT / 2}" text-anchor="middle" transform="rotate(-90 16 ${MARGIN.top + PLOT_HEIGHT / 2})">sequence number (bytes from the first data byte)</text>`,
  ].join('\n');
}

function legend(): string {
  const items: ReadonlyArray<readonly [string, string]> = [
    ['#000', 'segment'],
    ['#d00', 'retransmission'],
    ['#999', 'dropped by a link (×)'],
    ['#080', 'ACK'],
    ['#e80', 'ACK + window'],
  ];
  return items
    .map(([color, label], i) => {
      const x = MARGIN.left + i * 180;
      return `<line x1="${x}" y1="28" x2="${x + 20}" y2="28" stroke="${color}" stroke-width="2"/><text x="${x + 26}" y="32">${label}</text>`;
    })
    .join('\n');
}

/** The SVG document of `graph`. */
export function timeSequenceSvg(graph: TimeSequence): string {
  const scale = scaleFor(graph);
  const dropped = graph.segments.filter((s) => s.dropReason !== undefined);
  const fresh = graph.segments.filter((s) => s.dropReason === undefined && !s.retransmission);
  const resent = graph.segments.filter((s) => s.dropReason === undefined && s.retransmission);
  const crosses = dropped.map((s) => `M${fixed(scale.x(s.timeUs) - 3)} ${fixed(scale.y(s.to) - 3)}l6 6m0 -6l-6 6`).join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<title>time–sequence graph: ${escapeMarkup(graph.title)}</title>`,
    `<text x="${MARGIN.left}" y="14" font-weight="bold">${escapeMarkup(graph.title)}: ${graph.segments.length} data segments, ${resent.length} retransmitted, ${dropped.length} dropped</text>`,
    legend(),
    axes(graph),
    `<path d="${steps(graph.acks, (a) => a.windowEdge, scale)}" fill="none" stroke="#e80" stroke-width="1"/>`,
    `<path d="${steps(graph.acks, (a) => a.ack, scale)}" fill="none" stroke="#080" stroke-width="1"/>`,
    `<path d="${bars(dropped, scale)}${crosses}" fill="none" stroke="#999" stroke-width="1"/>`,
    `<path d="${bars(fresh, scale)}" fill="none" stroke="#000" stroke-width="1"/>`,
    `<path d="${bars(resent, scale)}" fill="none" stroke="#d00" stroke-width="2"/>`,
    '</svg>',
    '',
  ].join('\n');
}
