/**
 * Flows of your stack (to copies of itself) across a drop-tail bottleneck of 10 Mbit/s per flow,
 * 24 ms round trip, a queue of one bandwidth-delay product: one flow must keep it at least 80%
 * busy, and two flows must share it fairly (Jain's index at least 0.95) over 100 round trips. The
 * first flow's cwnd must keep the rules of Reno; a failure writes its cwnd plot beside the pcap.
 */
import { netTest } from '../../../../harness/testkit';
import { expectFairness, expectUtilization, runBottleneck } from '../support/bottleneck';

describe('a bottleneck', () => {
  netTest('one flow keeps a 10 Mbit/s bottleneck with a queue of one bandwidth-delay product at least 80% busy', async (t) => {
    const flow = { sender: t.stack.createKernel, receiver: t.stack.createKernel, name: 'the flow' };
    expectUtilization(await runBottleneck(t, [flow]), 0.8);
  });

  netTest('two flows share a 20 Mbit/s bottleneck fairly: Jain’s index at least 0.95 over 100 round trips', async (t) => {
    const flows = [1, 2].map((n) => ({ sender: t.stack.createKernel, receiver: t.stack.createKernel, name: `flow ${n}` }));
    expectFairness(await runBottleneck(t, flows), 0.95);
  });
});
