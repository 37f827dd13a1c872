/**
 * Bulk flows across a dumbbell: Jain's index, the bottleneck sized per flow, and two reference
 * flows that start, send without end, and are counted by their receivers.
 */
import { loadSubmission } from '../../loader';
import { dumbbell } from '../../sim/dumbbell';
import { FLOW_RTT_MS, flowBottleneck, jainIndex, measureShares, startBulkFlows } from '../bulk-flows';

describe("Jain's fairness index", () => {
  test('is 1 for equal shares, 1/n when one flow takes all, and in between otherwise', () => {
    expect(jainIndex([5, 5, 5, 5])).toBe(1);
    expect(jainIndex([8, 0, 0, 0])).toBe(0.25);
    expect(jainIndex([3, 1])).toBeCloseTo(16 / 20, 12);
    expect(jainIndex([0, 0])).toBe(1);
  });
});

describe('the flows’ bottleneck', () => {
  test('carries 10 Mbit/s per flow with a drop-tail queue of one bandwidth-delay product of 1500-byte packets', () => {
    expect(flowBottleneck(1)).toEqual({ rateBps: 10e6, delayUs: 10_000, queue: { packets: 20 } });
    expect(flowBottleneck(4)).toEqual({ rateBps: 40e6, delayUs: 10_000, queue: { packets: 80 } });
    expect(FLOW_RTT_MS).toBe(24);
  });
});

describe('bulk flows', () => {
  test('two reference flows, the second started a round trip late, both deliver, and share the bottleneck', async () => {
    const { createKernel } = loadSubmission('reference');
    const hosts = [{ createKernel }, { createKernel }];
    const bottleneck = flowBottleneck(2);
    const net = dumbbell({ seed: 1, left: hosts, right: hosts, bottleneck });
    try {
      const flows = await startBulkFlows(net, [0, FLOW_RTT_MS]);
      expect(net.sim.nowUs).toBeGreaterThanOrEqual(FLOW_RTT_MS * 1000);
      expect(flows.senders).toHaveLength(2);
      await net.sim.sleep(10 * FLOW_RTT_MS);
      const { shares, utilization, fairness } = await measureShares(net, flows, 40 * FLOW_RTT_MS, bottleneck.rateBps);
      expect(flows.failure()).toBeUndefined();
      expect(shares.every((share) => share > 0)).toBe(true);
      expect(utilization).toBeGreaterThan(0.5);
      expect(utilization).toBeLessThanOrEqual(1);
      expect(fairness).toBeGreaterThan(0.8);
    } finally {
      net.sim.halt();
      await Promise.all([...net.left, ...net.right].map((host) => host.dispose()));
    }
  });
});
