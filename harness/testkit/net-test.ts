/**
 * `netTest`: how milestone tests are written. It registers a jest test that gets the stack under
 * test (from `loadSubmission()`), the run's seed, and builders for simulated networks. When the
 * test fails, every network it built leaves its evidence: the failure message gains the seed (and
 * the command that reruns just this test), the virtual time, a ladder diagram of the last
 * packets, and the path of a pcap written under `artifacts/`.
 *
 *     netTest('answers on the port it was sent to', async (t) => {
 *       const { sys, peer } = t.stackAndPeer();
 *       ...
 *     });
 */
import { ladderEntries, saveEvidence, type FailedRun } from '../checks/evidence';
import type { CreateKernel } from '../contract';
import { loadSubmission, type Submission } from '../loader';
import { Sys } from '../runtime';
import { dumbbell, type Dumbbell, type DumbbellOptions } from '../sim/dumbbell';
import type { LinkOptions } from '../sim/link';
import { runSeed } from '../sim/rng';
import type { Host } from '../sim/host';
import type { Simulator } from '../sim/simulator';
import { stackAndPeer, type StackAndPeer } from '../sim/stack-and-peer';
import type { Trace } from '../sim/trace';
import { twoHosts, type TwoHosts, type TwoHostsOptions } from '../sim/two-hosts';
import { nameTheCheck } from './check-headline';
import { setMessage } from './error-message';
import { jestRerun } from './rerun';

/** A network a test built, remembered so that its packets can be shown if the test fails and its kernels released when it ends. */
interface Recorded {
  readonly sim: Simulator;
  readonly trace: Trace;
  readonly sides: FailedRun['sides'];
  readonly hosts: readonly Host[];
}

/** What a network test is given. */
export class NetTest {
  /** The seed of this run: derive any other randomness of the test from it. */
  readonly seed = runSeed();
  private readonly built: Recorded[] = [];

  constructor(private readonly submission: () => Submission) {}

  /** The stack under test. */
  get stack(): Submission {
    return this.submission();
  }

  /**
   * The stack under test at 10.0.0.1 and the harness as its peer at 10.0.0.2, 1 ms apart.
   * `sys` is the process view of the stack's kernel.
   */
  stackAndPeer(options: { link?: LinkOptions; mtu?: number; seed?: number } = {}): StackAndPeer & { sys: Sys } {
    const net = stackAndPeer({ seed: options.seed ?? this.seed, stack: { createKernel: this.stack.createKernel }, ...options });
    this.record(net.sim, net.trace, [net.host], [
      { name: net.host.name, address: net.host.address },
      { name: net.peer.name, address: net.peer.address },
    ]);
    return { ...net, sys: new Sys(net.host) };
  }

  /** Two stacks (by default both the stack under test) on two hosts joined by two links. */
  twoStacks(
    options: Partial<Omit<TwoHostsOptions, 'a' | 'b'>> & { a?: CreateKernel; b?: CreateKernel } = {},
  ): TwoHosts & { sysA: Sys; sysB: Sys } {
    const { a = this.stack.createKernel, b = this.stack.createKernel, ...rest } = options;
    const net = twoHosts({ seed: this.seed, ...rest, a: { createKernel: a }, b: { createKernel: b } });
    this.record(net.sim, net.trace, [net.a, net.b], [
      { name: net.a.name, address: net.a.address },
      { name: net.b.name, address: net.b.address },
    ]);
    return { ...net, sysA: new Sys(net.a), sysB: new Sys(net.b) };
  }

  /** A dumbbell (harness/sim/dumbbell.ts) whose left and right hosts run the kernels given, in order. */
  dumbbell(options: Omit<DumbbellOptions, 'seed' | 'left' | 'right'> & { left: readonly CreateKernel[]; right: readonly CreateKernel[] }): Dumbbell {
    const { left, right, ...rest } = options;
    const net = dumbbell({ seed: this.seed, ...rest, left: left.map((createKernel) => ({ createKernel })), right: right.map((createKernel) => ({ createKernel })) });
    const [first, facing] = [net.left[0], net.right[0]];
    if (!first || !facing) throw new Error('a dumbbell needs a host on each side');
    // The ladder shows the first pair: every flow's packets are in the pcap.
    this.record(net.sim, net.trace, [...net.left, ...net.right], [
      { name: first.name, address: first.address },
      { name: facing.name, address: facing.address },
    ]);
    return net;
  }

  private record(sim: Simulator, trace: Trace, hosts: readonly Host[], sides: FailedRun['sides']): void {
    this.built.push({ sim, trace, sides, hosts });
  }

  /**
   * @internal End every network the test built and release its kernels: a kernel in its own
   * process ends with its test. Programs the test left waiting are abandoned, not failed.
   */
  async dispose(): Promise<void> {
    for (const net of this.built) net.sim.halt();
    await Promise.all(this.built.flatMap((net) => net.hosts.map((host) => host.dispose())));
  }

  /** @internal The evidence of every network built, appended to a failure's message. */
  evidenceFor(testFile: string, testName: string): string {
    return this.built
      .map((net) => {
        const { seed, nowUs } = net.sim;
        // The command a student can run too (rerun.ts), with the run's seed: a network the test
        // gave a seed of its own derives it from that one.
        const rerun = jestRerun(this.seed, testFile, testName);
        const run: FailedRun = { testFile, testName, seed, nowUs, packets: ladderEntries(net.trace), sides: net.sides, rerun };
        return saveEvidence(run);
      })
      .join('\n\n');
  }
}

let cached: Submission | undefined;
/** The stack under test, loaded once per test file, on first use (so a load error fails tests, not the file). */
function submission(): Submission {
  cached ??= loadSubmission();
  return cached;
}

/** Register a network test with jest. */
export function netTest(name: string, body: (t: NetTest) => Promise<void>, timeoutMs?: number): void {
  test(
    name,
    async () => {
      const t = new NetTest(submission);
      try {
        await body(t);
      } catch (error) {
        nameTheCheck(error);
        const { testPath = '', currentTestName = name } = expect.getState();
        const report = t.evidenceFor(testPath, currentTestName);
        if (error instanceof Error && report) setMessage(error, `${error.message}\n\n${report}`);
        throw error;
      } finally {
        await t.dispose();
      }
    },
    timeoutMs,
  );
}
