/**
 * Round trips per second to a kernel in its own process (ChildPort): one IPC exchange per call,
 * with a trivial call (`poll`) on a trivial kernel, so the figure is the protocol's own cost.
 * Compare it with the simulator's events per second: under isolation every kernel call of a test
 * costs one of these. The process is started once and reused, so that its start-up (about 0.1 s)
 * is not counted; it ends with the benchmark's process.
 */
import * as path from 'node:path';
import { ChildPort } from '../harness/port/child-port';
import type { Benchmark } from './benchmark';

const CALLS = 5_000;
/** The test suite's well-behaved kernel: one datagram socket, fd 3. */
const ECHO = path.resolve(__dirname, '..', 'harness', 'port', 'tests', 'fixtures', 'echo');

let port: ChildPort | undefined;

export const childPortRoundTrips: Benchmark = {
  figure: 'port.child_round_trips_per_second',
  unit: 'round trips/s',
  async run() {
    port ??= new ChildPort(ECHO, { address: '10.0.0.1', mtu: 1500, seed: 1 });
    for (let i = 0; i < CALLS; i++) {
      const reply = await port.call(i, 'poll', [3]);
      if (!reply.outcome.ok) throw new Error(`the benchmark's kernel failed: ${JSON.stringify(reply.outcome.error)}`);
    }
    return CALLS;
  },
};
