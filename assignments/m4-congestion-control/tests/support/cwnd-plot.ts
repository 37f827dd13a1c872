/**
 * A cwnd-over-time plot (SVG) of a sender's tcpInfo readings: cwnd and ssthresh in segments, each
 * fast retransmit (the start of Recovery) and each timeout (the start of Loss) marked. Written
 * beside the pcap of a failing congestion test, so that a student sees the sawtooth their stack
 * drew, where it went wrong, and can open it in any browser.
 */
import { artifactPath, saveBesidePcap } from '../../../../harness/checks/evidence';
import { setMessage } from '../../../../harness/testkit/error-message';
import { isFiniteSsthresh, type CongestionSample } from './congestion-samples';

const WIDTH = 900;
const HEIGHT = 420;
const MARGIN = { left: 60, right: 20, top: 40, bottom: 50 };

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A round step for `span` split into about `parts`: 1, 2 or 5 times a power of ten. */
function niceStep(span: number, parts: number): number {
  const raw = span / parts;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw) ?? raw;
}

/** The plot of `samples`, titled `title`, as an SVG document. */
export function cwndPlotSvg(samples: readonly CongestionSample[], title: string): string {
  const mss = samples[0]?.mss ?? 1;
  const seconds = samples.map((s) => s.timeUs / 1e6);
  const [t0, t1] = [seconds[0] ?? 0, Math.max(seconds[seconds.length - 1] ?? 1, (seconds[0] ?? 0) + 1e-3)];
  const top = Math.max(4, ...samples.map((s) => s.cwnd / mss), ...samples.filter((s) => isFiniteSsthresh(s.ssthresh)).map((s) => s.ssthresh / mss)) * 1.1;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (t: number) => MARGIN.left + ((t - t0) / (t1 - t0)) * plotW;
  const y = (segs: number) => MARGIN.top + plotH - (segs / top) * plotH;
  const line = (points: readonly (readonly [number, number])[], color: string, dash = '') =>
    points.length === 0 ? '' : `<polyline fill="none" stroke="${color}" stroke-width="1.5"${dash ? ` stroke-dasharray="${dash}"` : ''} points="${points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ')}"/>`;
  const cwnd = samples.map((s, i) => [x(seconds[i]!), y(s.cwnd / mss)] as const);
  const ssthresh = samples.flatMap((s, i) => (isFiniteSsthresh(s.ssthresh) ? [[x(seconds[i]!), y(s.ssthresh / mss)] as const] : []));
  const marks = samples.flatMap((s, i) => {
    const before = samples[i - 1];
    if (!before || s.state === before.state || (s.state !== 'recovery' && s.state !== 'loss')) return [];
    const [px, py] = [x(seconds[i]!), y(s.cwnd / mss)];
    return s.state === 'recovery'
      ? [`<path d="M${px.toFixed(1)},${(py - 6).toFixed(1)} l5,9 l-10,0 z" fill="#d62728"><title>fast retransmit at ${(seconds[i]! * 1000).toFixed(1)} ms</title></path>`]
      : [`<path d="M${(px - 5).toFixed(1)},${(py - 5).toFixed(1)} l10,10 m0,-10 l-10,10" stroke="#000" stroke-width="2"><title>timeout at ${(seconds[i]! * 1000).toFixed(1)} ms</title></path>`];
  });
  const xStep = niceStep(t1 - t0, 8);
  const yStep = niceStep(top, 6);
  const xTicks: string[] = [];
  for (let t = Math.ceil(t0 / xStep) * xStep; t <= t1; t += xStep) {
    xTicks.push(`<line x1="${x(t).toFixed(1)}" y1="${MARGIN.top + plotH}" x2="${x(t).toFixed(1)}" y2="${MARGIN.top + plotH + 5}" stroke="#000"/><text x="${x(t).toFixed(1)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${Number(t.toFixed(3))}</text>`);
  }
  const yTicks: string[] = [];
  for (let v = 0; v <= top; v += yStep) {
    yTicks.push(`<line x1="${MARGIN.left}" y1="${y(v).toFixed(1)}" x2="${MARGIN.left + plotW}" y2="${y(v).toFixed(1)}" stroke="#eee"/><text x="${MARGIN.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${Number(v.toFixed(1))}</text>`);
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="11">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${MARGIN.left}" y="20" font-size="13">${escape(title)}</text>`,
    ...yTicks,
    ...xTicks,
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#000"/>`,
    line(ssthresh, '#2ca02c', '6,3'),
    line(cwnd, '#1f77b4'),
    ...marks,
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 10}" text-anchor="middle">time (s)</text>`,
    `<text x="15" y="${MARGIN.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 15 ${MARGIN.top + plotH / 2})">segments (MSS ${mss} bytes)</text>`,
    `<text x="${WIDTH - MARGIN.right}" y="20" text-anchor="end"><tspan fill="#1f77b4">— cwnd</tspan>  <tspan fill="#2ca02c">- - ssthresh</tspan>  <tspan fill="#d62728">▲ fast retransmit</tspan>  ✕ timeout</text>`,
    '</svg>',
  ].join('\n');
}

/**
 * Run `check`; when it throws, write the plot of `samples` beside the test's pcap
 * (`<pcap name>.cwnd.svg`) and name it in the error's message.
 */
export function withCwndPlot(samples: readonly CongestionSample[], title: string, check: () => void): void {
  try {
    check();
  } catch (error) {
    const { testPath = '', currentTestName = title } = expect.getState();
    const plot = saveBesidePcap(artifactPath(testPath, currentTestName), '.cwnd.svg', cwndPlotSvg(samples, title));
    if (error instanceof Error) setMessage(error, `${error.message}\ncwnd plot:    ${plot}   (cwnd and ssthresh over time, fast retransmits and timeouts marked; open it in a browser)`);
    throw error;
  }
}
