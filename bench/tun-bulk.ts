/**
 * `tun.bulk_mbit_per_second`: goodput of one clean 10 MB transfer from the reference stack to the
 * Linux kernel over TUN (harness/phy/tun/bulk-transfer.ts), in real time: what the TUN bridge, the
 * driver and the reference's sliding window sustain together (the target: 200 Mbit/s),
 * on a device of Ethernet's MTU; `tun.bulk_loopback_mtu_mbit_per_second`, the same on a device of
 * loopback's, where each packet (a system call on each side) carries 44 times as much.
 * The best of a few runs after a warm-up one, since other work on the machine only slows a run down.
 */
import { loadSubmission } from '../harness/loader';
import { bulkTransfer, intact } from '../harness/phy/tun/bulk-transfer';
import { probeTun } from '../harness/phy/tun/probe';
import { seededBytes } from '../harness/sim/seeded-data';
import { openTunPair } from '../harness/phy/tun/tun-pair';
import { DEFAULT_SEED } from '../harness/sim/rng';
import { afterWarmUp, LOOPBACK_MTU } from './benchmark';
import type { FigureSource } from './figure-source';

const SIZE = 10 * 1024 * 1024;
const TIMED_RUNS = 3;

async function mbitOfOneRun(data: Uint8Array, mtu: number): Promise<number> {
  const pair = await openTunPair({ createKernel: loadSubmission('reference').createKernel, seed: DEFAULT_SEED, mtu });
  try {
    return intact(await bulkTransfer(pair, 'stack-to-linux', data, 8090)).mbitPerSecond;
  } finally {
    await pair.close();
  }
}

function tunBulkAt(figure: string, mtu: number): FigureSource {
  return {
    figure,
    async measure() {
      const probe = probeTun();
      if (!probe.ok) return { figure, skipped: probe.cause };
      const data = seededBytes(DEFAULT_SEED, 'bulk', SIZE);
      const best = Math.max(...(await afterWarmUp(() => mbitOfOneRun(data, mtu), TIMED_RUNS)));
      return { figure, value: Number(best.toFixed(1)), unit: `Mbit/s, reference → Linux, 10 MB, MTU ${mtu}` };
    },
  };
}

export const tunBulk = tunBulkAt('tun.bulk_mbit_per_second', 1500);
export const tunBulkLoopbackMtu = tunBulkAt('tun.bulk_loopback_mtu_mbit_per_second', LOOPBACK_MTU);
