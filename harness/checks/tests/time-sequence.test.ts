/**
 * The time–sequence graph of a failed transfer: which segments it shows (the busiest direction,
 * relative numbers across 2^32, retransmissions and drops marked), the ACK and window lines, the
 * SVG written beside the pcap and named in the message, and no graph for a run too short for one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { saveEvidence } from '../evidence';
import { timeSequence, TIME_SEQUENCE_MIN_SEGMENTS } from '../time-sequence';
import { timeSequenceSvg } from '../time-sequence-svg';
import { failedTransferRun, lossyTransfer, MSS } from './lossy-transfer';

describe('time–sequence graph', () => {
  it('shows the data of the busiest direction from 0, the lost segment dropped, its copy a retransmission, and the ACK and window lines', () => {
    const graph = timeSequence(lossyTransfer());
    expect(graph?.title).toBe('10.0.0.1:5000 → 10.0.0.2:8080');
    expect(graph?.segments.map((s) => [s.from, s.to, s.retransmission, s.dropReason ?? ''])).toEqual([
      ...Array.from({ length: 12 }, (_, i) => [i * MSS, (i + 1) * MSS, false, i === 2 ? 'loss' : '']),
      [2 * MSS, 3 * MSS, true, ''],
    ]);
    expect(graph?.acks.at(-1)).toEqual({ timeUs: 200_500, ack: 12 * MSS, windowEdge: 12 * MSS + 4000 });
    expect(graph?.acks.filter((a) => a.ack === 2 * MSS)).toHaveLength(10);
  });

  it(`needs ${TIME_SEQUENCE_MIN_SEGMENTS} data segments: fewer read better as a ladder`, () => {
    const few = lossyTransfer().filter((entry) => entry.timeUs < (TIME_SEQUENCE_MIN_SEGMENTS - 1) * 1000);
    expect(timeSequence(few)).toBeUndefined();
  });

  it('draws each kind of segment as its own path, with a title and a legend', () => {
    const svg = timeSequenceSvg(timeSequence(lossyTransfer())!);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('13 data segments, 1 retransmitted, 1 dropped');
    const paths = [...svg.matchAll(/<path d="([^"]*)" fill="none" stroke="(#\w+)"/g)].map(([, d, color]) => [color, (d!.match(/V/g) ?? []).length]);
    // Window and ACK lines step once per ACK after the first; then dropped, fresh, retransmitted bars.
    expect(paths).toEqual([
      ['#e80', 11],
      ['#080', 11],
      ['#999', 1],
      ['#000', 11],
      ['#d00', 1],
    ]);
  });

  it('is written beside the pcap of a failed run, and the message names it', () => {
    const run = failedTransferRun('harness/checks/tests/time-sequence.test.ts', 'a transfer that failed', 3);
    const message = saveEvidence(run);
    const graphPath = path.join('artifacts', 'harness/checks/tests/time-sequence', 'a-transfer-that-failed.time-sequence.svg');
    expect(message).toContain(`graph:        ${graphPath}`);
    expect(fs.readFileSync(path.resolve(__dirname, '../../..', graphPath), 'utf8')).toBe(timeSequenceSvg(timeSequence(run.packets)!));
  });
});
