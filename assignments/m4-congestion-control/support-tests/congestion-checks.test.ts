/**
 * The rules of congestion-checks.ts on tcpInfo readings written by hand: a correct sawtooth (slow
 * start, a fast retransmit, recovery, congestion avoidance, a timeout) passes, and each rule broken
 * on its own fails with its name; the cwnd plot of any readings is a well-formed SVG. Not graded:
 * it checks the checker.
 */
import { checkCongestionRules } from '../tests/support/congestion-checks';
import type { CongestionSample } from '../tests/support/congestion-samples';
import { cwndPlotSvg } from '../tests/support/cwnd-plot';

const MSS = 1000;
const INFINITE = 0x7fffffff;
const RTT_MS = 20;

type Reading = [ms: number, state: CongestionSample['state'], cwnd: number, ssthresh: number, inFlight: number, retransmits?: number];

/** Readings from rows of [ms, state, cwnd, ssthresh, in flight (all in segments), retransmits]. */
function readings(rows: readonly Reading[]): CongestionSample[] {
  return rows.map(([ms, state, cwnd, ssthresh, inFlight, retransmits = 0]) => ({
    timeUs: ms * 1000,
    state,
    cwnd: cwnd * MSS,
    ssthresh: ssthresh === INFINITE ? INFINITE : ssthresh * MSS,
    bytesInFlight: inFlight * MSS,
    retransmits,
    mss: MSS,
  }));
}

/** Slow start to 20, a fast retransmit (ssthresh 10), recovery, avoidance to 12, a timeout, slow start again. */
const SAWTOOTH: readonly Reading[] = [
  [0, 'open', 10, INFINITE, 10],
  [20, 'open', 15, INFINITE, 15],
  [40, 'open', 20, INFINITE, 20],
  [42, 'disorder', 20, INFINITE, 20],
  [44, 'recovery', 13, 10, 20, 1],
  [50, 'recovery', 18, 10, 20, 1],
  [62, 'open', 10, 10, 10, 1],
  [82, 'open', 11, 10, 11, 1],
  [102, 'open', 12, 10, 12, 1],
  [400, 'loss', 1, 6, 12, 2],
  [420, 'loss', 2, 6, 2, 3],
  [440, 'open', 4, 6, 4, 4],
];

function withRow(at: number, row: Reading): Reading[] {
  return SAWTOOTH.map((original, i) => (i === at ? row : original));
}

describe('the congestion rules on readings', () => {
  test('a correct sawtooth passes', () => {
    expect(() => checkCongestionRules(readings(SAWTOOTH), RTT_MS)).not.toThrow();
  });

  test('a fast retransmit that does not halve ssthresh fails', () => {
    expect(() => checkCongestionRules(readings(withRow(4, [44, 'recovery', 23, 20, 20, 1])), RTT_MS)).toThrow(/a loss must halve ssthresh/);
  });

  test('a loss that cuts ssthresh to a quarter fails', () => {
    expect(() => checkCongestionRules(readings(withRow(4, [44, 'recovery', 8, 5, 20, 1])), RTT_MS)).toThrow(/halves ssthresh, no more/);
  });

  test('recovery entered without resending anything fails', () => {
    expect(() => checkCongestionRules(readings(withRow(4, [44, 'recovery', 13, 10, 20, 0])), RTT_MS)).toThrow(/fast retransmit/);
  });

  test('a timeout that leaves cwnd above one segment fails', () => {
    expect(() => checkCongestionRules(readings(withRow(9, [400, 'loss', 6, 6, 12, 2])), RTT_MS)).toThrow(/loss window/);
  });

  test('recovery that ends with cwnd still inflated fails', () => {
    expect(() => checkCongestionRules(readings(withRow(6, [62, 'open', 18, 10, 10, 1])), RTT_MS)).toThrow(/back to ssthresh/);
  });

  test('recovery that grows cwnd beyond ssthresh + 3 + what is in flight fails', () => {
    expect(() => checkCongestionRules(readings(withRow(5, [50, 'recovery', 40, 10, 20, 1])), RTT_MS)).toThrow(/one segment per duplicate ACK at most/);
  });

  test('congestion avoidance that grows by more than about a segment a round trip fails', () => {
    expect(() => checkCongestionRules(readings(withRow(7, [82, 'open', 14, 10, 14, 1])), RTT_MS)).toThrow(/about one segment per round trip/);
  });

  test('slow start that more than doubles cwnd in a round trip fails', () => {
    expect(() => checkCongestionRules(readings(withRow(1, [20, 'open', 25, INFINITE, 25])), RTT_MS)).toThrow(/at most doubles/);
  });

  test('ssthresh below two segments fails', () => {
    expect(() => checkCongestionRules(readings(withRow(9, [400, 'loss', 1, 1, 12, 2])), RTT_MS)).toThrow(/never below two segments/);
  });

  test('the plot of the readings is an SVG with the cwnd and ssthresh lines and a mark per loss', () => {
    const svg = cwndPlotSvg(readings(SAWTOOTH), 'a <sawtooth> & more');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('fast retransmit at 44.0 ms');
    expect(svg).toContain('timeout at 400.0 ms');
    expect(svg).toContain('a &lt;sawtooth&gt; &amp; more');
  });
});
