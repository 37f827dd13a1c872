/**
 * The handouts' order, read from their "What to build, in order" tables: steps in order, the
 * functions of a step in the order the table names them, milestone by milestone.
 */
import * as path from 'node:path';
import { handoutRank, readHandoutOrder, stepTable } from '../handout-order';

const ASSIGNMENTS = path.resolve(__dirname, '..', '..', '..', 'assignments');

const TABLE = `
Some text | with a bar.

| # | file | function(s) | then these pass |
| --- | --- | --- | --- |
| 1 | \`checksum.ts\` | \`onesComplementSum\`, \`internetChecksum\` | — |
| 2 | \`ports.ts\`, \`udp-input.ts\` | \`UdpPortTable.bind\`, \`.lookup\`; \`udpInput\` | \`bind\` |

| # | other | table |
| 9 | \`x.ts\` | \`y\` |
`;

describe("the handouts' order", () => {
  it('reads one entry per function of each step, with the step and its files', () => {
    expect(stepTable('m1', TABLE)).toEqual([
      { milestone: 'm1', step: 1, files: ['checksum.ts'], fn: 'onesComplementSum' },
      { milestone: 'm1', step: 1, files: ['checksum.ts'], fn: 'internetChecksum' },
      { milestone: 'm1', step: 2, files: ['ports.ts', 'udp-input.ts'], fn: 'bind' },
      { milestone: 'm1', step: 2, files: ['ports.ts', 'udp-input.ts'], fn: 'lookup' },
      { milestone: 'm1', step: 2, files: ['ports.ts', 'udp-input.ts'], fn: 'udpInput' },
    ]);
  });

  it('ranks a stub by its function, else by its file, else after its milestone', () => {
    const order = [...stepTable('m1', TABLE), ...stepTable('m2', TABLE)];
    const rank = (milestone: string, file: string | undefined, fn: string | undefined): number => handoutRank(order, { milestone, file, fn });
    expect(rank('m1', 'ports.ts', 'UdpPortTable.lookup')).toBe(3);
    expect(rank('m1', 'ports.ts', 'release')).toBe(2);
    expect(rank('m1', 'elsewhere.ts', 'f')).toBeGreaterThan(rank('m1', 'udp-input.ts', 'udpInput'));
    expect(rank('m1', 'elsewhere.ts', 'f')).toBeLessThan(rank('m2', 'checksum.ts', 'onesComplementSum'));
    expect(rank('m2', 'checksum.ts', 'internetChecksum')).toBe(6);
  });

  it("reads socklab's handouts: m1's steps first, starting with the checksum", () => {
    const order = readHandoutOrder(ASSIGNMENTS);
    expect(order[0]).toMatchObject({ milestone: 'm1', step: 1, files: ['checksum.ts'] });
    const milestones = order.map((entry) => entry.milestone);
    expect(milestones.lastIndexOf('m1')).toBeLessThan(milestones.indexOf('m2'));
    expect(milestones.indexOf('m2')).toBeGreaterThan(0);
  });
});
