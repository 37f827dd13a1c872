/**
 * What epoll_wait costs, on the reference kernel in this process (no simulator, no child port):
 *
 * - `epoll.wait_cost_ratio`: the time of one epoll_wait with 10,000 UDP sockets registered and
 *   one of them ready, over the same with 10 registered and one ready. An epoll whose wait looks
 *   only at its ready list scores about 1 (target: at most 1.5); one that polls the interest list
 *   scores near 1,000.
 * - `epoll.ten_thousand_clients_seconds`: the wall time of milestone 5's end-to-end scenario, one
 *   event loop on the reference serving 10,000 clients of the reference on the simulator.
 */
import type { Fd, Kernel, KernelEnv } from '../harness/contract';
import { EPOLLIN, INADDR_ANY } from '../harness/contract';
import { loadSubmission } from '../harness/loader';
import { Sys } from '../harness/runtime';
import { DEFAULT_SEED } from '../harness/sim/rng';
import { twoHosts } from '../harness/sim/two-hosts';
import { createKernel } from '../reference';
import { afterWarmUp, median } from './benchmark';
import type { FigureSource } from './figure-source';
import { serveClientsOn } from '../assignments/m5-epoll/tests/support/served-clients';

const FEW = 10;
const MANY = 10_000;
const WAITS = 200_000;
const FIRST_PORT = 20_000;
const CLIENTS = 10_000;

/** A kernel with `registered` UDP sockets in one epoll instance, one of them holding a datagram. */
function oneReadyOf(registered: number): { kernel: Kernel; ep: Fd } {
  const wire: Uint8Array[] = [];
  const env = (address: string): KernelEnv => ({ address, mtu: 1500, now: () => 0, random: () => 0.5, transmit: (packet) => wire.push(packet) });
  const kernel = createKernel(env('10.0.0.2'));
  const ep = kernel.epollCreate();
  for (let i = 0; i < registered; i++) {
    const fd = kernel.socket('udp');
    kernel.bind(fd, { address: INADDR_ANY, port: FIRST_PORT + i });
    kernel.epollCtl(ep, 'add', fd, EPOLLIN);
  }
  const sender = createKernel(env('10.0.0.1'));
  sender.sendto(sender.socket('udp'), new Uint8Array([1]), { address: '10.0.0.2', port: FIRST_PORT + registered - 1 });
  for (const packet of wire.splice(0)) kernel.receive(packet);
  if (kernel.epollWait(ep, 64).length !== 1) throw new Error('the benchmark expected exactly one ready socket');
  return { kernel, ep };
}

/** Seconds per epoll_wait on `kernel`'s instance `ep`, over one round of waits. */
function timeWaits({ kernel, ep }: { kernel: Kernel; ep: Fd }): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < WAITS; i++) kernel.epollWait(ep, 64);
  return Number(process.hrtime.bigint() - start) / 1e9 / WAITS;
}

/**
 * The median seconds per wait with few and with many registered. Rounds alternate between the
 * two, so that whatever else the machine does weighs on both alike.
 */
async function secondsPerWait(): Promise<{ few: number; many: number }> {
  const [few, many] = [oneReadyOf(FEW), oneReadyOf(MANY)];
  const rounds = await afterWarmUp(async () => [timeWaits(few), timeWaits(many)] as const, 7);
  return { few: median(rounds.map(([seconds]) => seconds)), many: median(rounds.map(([, seconds]) => seconds)) };
}

export const epollWaitCostRatio: FigureSource = {
  figure: 'epoll.wait_cost_ratio',
  async measure() {
    const { few, many } = await secondsPerWait();
    return {
      figure: this.figure,
      value: Number((many / few).toFixed(2)),
      unit: `epoll_wait time with ${MANY} registered over ${FEW} registered, one ready (${(many * 1e9).toFixed(0)} ns over ${(few * 1e9).toFixed(0)} ns; target ≤1.5)`,
    };
  },
};

export const tenThousandClientsSeconds: FigureSource = {
  figure: 'epoll.ten_thousand_clients_seconds',
  async measure() {
    const { createKernel: reference } = loadSubmission('reference');
    const net = twoHosts({ seed: DEFAULT_SEED, a: { createKernel: reference }, b: { createKernel: reference } });
    const start = performance.now();
    try {
      const { stats, wrongAnswers } = await serveClientsOn(new Sys(net.a), new Sys(net.b), net.b.address, CLIENTS);
      if (wrongAnswers.length > 0 || stats.served !== CLIENTS) throw new Error(`the event loop served ${stats.served} of ${CLIENTS} clients; ${wrongAnswers.length} got a wrong answer`);
      const seconds = (performance.now() - start) / 1000;
      return {
        figure: this.figure,
        value: Number(seconds.toFixed(2)),
        unit: `wall seconds: one event loop on the reference serving ${CLIENTS} reference clients (${stats.waits} epoll_waits, ${(net.sim.nowMs / 1000).toFixed(2)} virtual seconds)`,
      };
    } finally {
      net.sim.halt();
      await Promise.all([net.a, net.b].map((host) => host.dispose()));
    }
  },
};
