/**
 * Four reference flows sharing a dumbbell's bottleneck (10 Mbit/s, 24 ms round trip, a drop-tail
 * queue of one bandwidth-delay product), as milestone 4's fairness tests will run them:
 *
 * - `sim.dumbbell_speedup`: the virtual seconds of 100 round trips over the wall seconds they took;
 *   its unit says the bottleneck's use and Jain's fairness index of the four flows over those
 *   round trips (after ten for slow start), so that the figure is of congestion control at work.
 */
import { INADDR_ANY } from '../harness/contract';
import { loadSubmission } from '../harness/loader';
import { Sys } from '../harness/runtime';
import { dumbbell } from '../harness/sim/dumbbell';
import { DEFAULT_SEED } from '../harness/sim/rng';
import type { FigureSource } from './figure-source';

const FLOWS = 4;
const PORT = 5001;
const BOTTLENECK_BPS = 10e6;
/** One way: 1 ms of access link on each side and 10 ms of bottleneck. */
const RTT_MS = 24;
/** A drop-tail queue of one bandwidth-delay product, in 1500-byte packets. */
const QUEUE_PACKETS = Math.round((BOTTLENECK_BPS * RTT_MS) / 1000 / 8 / 1500);
const WARM_UP_RTTS = 10;
const MEASURED_RTTS = 100;
const WRITE_SIZE = 16 * 1024;

/** Jain's fairness index of `shares`: 1 when all are equal, 1/n when one takes everything. */
function jainIndex(shares: readonly number[]): number {
  const sum = shares.reduce((a, b) => a + b, 0);
  const squares = shares.reduce((a, b) => a + b * b, 0);
  return squares === 0 ? 1 : (sum * sum) / (shares.length * squares);
}

/** Write without end (until the run halts). */
async function sendForever(sys: Sys, fd: number): Promise<void> {
  const chunk = new Uint8Array(WRITE_SIZE);
  for (;;) await sys.send(fd, chunk);
}

/** Read without end, counting into `counts[flow]`. */
async function receiveForever(sys: Sys, fd: number, counts: number[], flow: number): Promise<void> {
  for (;;) counts[flow]! += (await sys.recv(fd, 64 * 1024)).length;
}

async function measureDumbbell(): Promise<{ speedup: number; utilization: number; fairness: number }> {
  const { createKernel } = loadSubmission('reference');
  const hosts = Array.from({ length: FLOWS }, () => ({ createKernel }));
  const net = dumbbell({ seed: DEFAULT_SEED, left: hosts, right: hosts, bottleneck: { rateBps: BOTTLENECK_BPS, delayUs: 10_000, queue: { packets: QUEUE_PACKETS } } });
  const counts = new Array<number>(FLOWS).fill(0);
  try {
    for (let flow = 0; flow < FLOWS; flow++) {
      const [client, server] = [new Sys(net.left[flow]!), new Sys(net.right[flow]!)];
      const listener = await server.socket('tcp');
      await server.bind(listener, { address: INADDR_ANY, port: PORT });
      await server.listen(listener, 1);
      const fd = await client.socket('tcp');
      const [accepted] = await Promise.all([server.accept(listener), client.connect(fd, { address: net.right[flow]!.address, port: PORT })]);
      void sendForever(client, fd).catch(() => undefined);
      void receiveForever(server, accepted.fd, counts, flow).catch(() => undefined);
    }
    await net.sim.sleep(WARM_UP_RTTS * RTT_MS, 'slow start');
    const before = [...counts];
    const startedWall = performance.now();
    await net.sim.sleep(MEASURED_RTTS * RTT_MS, 'the measured round trips');
    const wallSeconds = (performance.now() - startedWall) / 1000;
    const shares = counts.map((count, flow) => count - before[flow]!);
    const seconds = (MEASURED_RTTS * RTT_MS) / 1000;
    const utilization = (shares.reduce((a, b) => a + b, 0) * 8) / seconds / BOTTLENECK_BPS;
    return { speedup: seconds / wallSeconds, utilization, fairness: jainIndex(shares) };
  } finally {
    net.sim.halt();
    await Promise.all([...net.left, ...net.right].map((host) => host.dispose()));
  }
}

export const dumbbellSpeedup: FigureSource = {
  figure: 'sim.dumbbell_speedup',
  async measure() {
    const { speedup, utilization, fairness } = await measureDumbbell();
    return {
      figure: this.figure,
      value: Number(speedup.toFixed(1)),
      unit: `virtual/wall seconds, ${FLOWS} reference flows at a 10 Mbit/s bottleneck, ${RTT_MS} ms RTT, queue ${QUEUE_PACKETS} packets, ${MEASURED_RTTS} RTTs (goodput ${(100 * utilization).toFixed(1)}% of the bottleneck, Jain fairness ${fairness.toFixed(3)})`,
    };
  },
};
