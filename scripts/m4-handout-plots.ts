/**
 * `npm run handout:plots`: the cwnd-over-time plots of milestone 4's handout, drawn from the
 * reference on the standard scenarios of its tests (the lossy path at 1% loss; one, two and four
 * flows at the bottleneck), under the default seed, into assignments/m4-congestion-control/handout/ (exported with the handout).
 * Run it again when the reference's congestion control or those scenarios change.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadSubmission } from '../harness/loader';
import { NetTest } from '../harness/testkit';
import { runBottleneck } from '../assignments/m4-congestion-control/tests/support/bottleneck';
import type { CongestionSample } from '../assignments/m4-congestion-control/tests/support/congestion-samples';
import { cwndPlotSvg } from '../assignments/m4-congestion-control/tests/support/cwnd-plot';
import { runLossyFlow } from '../assignments/m4-congestion-control/tests/support/lossy-path';

const PLOTS = path.resolve(__dirname, '..', 'assignments', 'm4-congestion-control', 'handout');

function write(name: string, title: string, samples: readonly CongestionSample[]): void {
  fs.writeFileSync(path.join(PLOTS, name), cwndPlotSvg(samples, title));
  const segments = samples.slice(Math.floor(samples.length / 10)).map((s) => s.cwnd / s.mss);
  console.log(`${name}: cwnd ${Math.min(...segments).toFixed(1)}–${Math.max(...segments).toFixed(1)} segments after the first tenth`);
}

async function withNetTest(run: (t: NetTest) => Promise<void>): Promise<void> {
  const reference = loadSubmission('reference');
  const t = new NetTest(() => reference);
  try {
    await run(t);
  } finally {
    await t.dispose();
  }
}

async function main(): Promise<void> {
  fs.mkdirSync(PLOTS, { recursive: true });
  await withNetTest(async (t) => {
    const flow = await runLossyFlow(t, 0.01, t.stack.createKernel);
    write('lossy-path-1-percent.svg', 'the reference: one flow, 100 Mbit/s, 20 ms RTT, 1% loss', flow.samples);
  });
  for (const count of [1, 4]) {
    await withNetTest(async (t) => {
      const flows = Array.from({ length: count }, (_, i) => ({ sender: t.stack.createKernel, receiver: t.stack.createKernel, name: `flow ${i + 1}` }));
      const run = await runBottleneck(t, flows);
      write(`bottleneck-${count}-flows.svg`, `the reference: flow 1 of ${count} at a ${count * 10} Mbit/s bottleneck, 24 ms RTT (use ${(run.utilization * 100).toFixed(0)}%, Jain ${run.fairness.toFixed(3)})`, run.samples);
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
