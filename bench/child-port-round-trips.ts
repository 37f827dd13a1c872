/**
 * The cost of reaching a kernel in its own process (ChildPort), with a trivial call (`poll`) on a
 * trivial kernel, so that the figures are the protocol's own:
 *
 * - `port.child_round_trips_per_second`: one call at a time, each awaited before the next, as a
 *   program blocked on its kernel makes them: every call is one exchange with the process;
 * - `port.child_batched_calls_per_second`: {@link BATCH} calls made together, as the calls of one
 *   virtual instant or a run of fuzzed packets are: they travel in one message.
 *
 * Compare them with the simulator's events per second. The process is started once and reused,
 * so that its start-up (about 0.1 s) is not counted; it ends with the benchmark's process.
 */
import * as path from 'node:path';
import { ChildPort } from '../harness/port/child-port';
import type { Reply } from '../harness/port/kernel-port';
import type { Benchmark } from './benchmark';

const CALLS = 5_000;
const BATCH = 250;
/** The test suite's well-behaved kernel: one datagram socket, fd 3. */
const ECHO = path.resolve(__dirname, '..', 'harness', 'port', 'tests', 'fixtures', 'echo');

let port: ChildPort | undefined;

function echoPort(): ChildPort {
  return (port ??= new ChildPort(ECHO, { address: '10.0.0.1', mtu: 1500, seed: 1 }));
}

function expectOk(reply: Reply): void {
  if (!reply.outcome.ok) throw new Error(`the benchmark's kernel failed: ${JSON.stringify(reply.outcome.error)}`);
}

export const childPortRoundTrips: Benchmark = {
  figure: 'port.child_round_trips_per_second',
  unit: 'round trips/s',
  async run() {
    for (let i = 0; i < CALLS; i++) expectOk(await echoPort().call(i, 'poll', [3]));
    return CALLS;
  },
};

export const childPortBatchedCalls: Benchmark = {
  figure: 'port.child_batched_calls_per_second',
  unit: 'calls/s',
  async run() {
    for (let done = 0; done < CALLS * 10; done += BATCH) {
      const replies = await Promise.all(Array.from({ length: BATCH }, () => echoPort().call(done, 'poll', [3])));
      replies.forEach(expectOk);
    }
    return CALLS * 10;
  },
};
