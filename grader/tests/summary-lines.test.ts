/**
 * What the summary says of a failing assertion, graded end to end: its first line names what was
 * checked and both values, not jest's `expect(received).toBe(expected)`.
 */
import * as path from 'node:path';
import { renderSummary } from '../export/summary';
import { grade } from '../grade';
import { ASSIGNMENTS, FIXTURES } from './helpers';

it('a failed expect shows in the summary as what it checked, what it expected and what it got, with its line', async () => {
  const report = await grade({ submission: path.join(FIXTURES, 'submissions', 'second-fd'), assignmentsDir: ASSIGNMENTS });
  const summary = renderSummary(report);
  expect(summary).toContain("  ✗ udp sockets a new socket gets fd 3  (public/socket.test.ts, failed)\n      sys.socket('udp'): expected 3, got 4 (socket.test.ts:9)\n");
  expect(summary).not.toContain('expect(received)');
}, 60_000);
