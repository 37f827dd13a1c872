/**
 * Flows of the stack under test to the reference across the bottleneck of the public tests: one
 * flow at least 80% busy, two and four flows fair (Jain's index at least 0.95), and a flow of the
 * stack beside a flow of the reference (reference to reference: the competitor a real network
 * would bring) each getting at least half of what the other gets: a stack that backs off too
 * little starves the reference, one that backs off too much starves itself.
 */
import { netTest } from '../../../../harness/testkit';
import { referenceKernel } from '../../../m1-udp/tests/support/reference-peer';
import { expectEachAtLeastHalf, expectFairness, expectUtilization, runBottleneck, type FlowSpec } from '../support/bottleneck';

function stackFlows(stack: FlowSpec['sender'], count: number): FlowSpec[] {
  return Array.from({ length: count }, (_, i) => ({ sender: stack, receiver: referenceKernel(), name: `flow ${i + 1}` }));
}

describe('a bottleneck shared with the reference', () => {
  netTest('one flow to the reference keeps a 10 Mbit/s bottleneck at least 80% busy', async (t) => {
    expectUtilization(await runBottleneck(t, stackFlows(t.stack.createKernel, 1)), 0.8);
  });

  for (const count of [2, 4]) {
    netTest(`${count} flows to the reference share a ${count * 10} Mbit/s bottleneck fairly: Jain’s index at least 0.95 over 100 round trips`, async (t) => {
      expectFairness(await runBottleneck(t, stackFlows(t.stack.createKernel, count)), 0.95);
    });
  }

  netTest('a flow of the stack and a flow of the reference each get at least half of what the other gets', async (t) => {
    const flows = [
      { sender: t.stack.createKernel, receiver: referenceKernel(), name: 'the stack’s flow' },
      { sender: referenceKernel(), receiver: referenceKernel(), name: 'the reference’s flow' },
    ];
    expectEachAtLeastHalf(await runBottleneck(t, flows));
  });
});
