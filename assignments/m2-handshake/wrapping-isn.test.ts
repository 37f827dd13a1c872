/**
 * The wraparound tests of milestone 2 take networks from tests/support/wrapping-isn.ts, whose
 * seeds were chosen so that the stack's first ISN lies just below 2^32. Nothing there would
 * notice if the harness came to derive a kernel's env.random() another way: those tests would
 * still pass, without any number wrapping. This checks, with the reference stack, that each seed
 * still gives the ISN listed.
 */
import { Sys } from '../../harness/runtime';
import { stackAndPeer } from '../../harness/sim/stack-and-peer';
import { TcpFlag } from '../../harness/wire';
import { createKernel } from '../../reference';
import { TcpLab } from './tests/support/tcp-lab';
import { listenOn } from './tests/support/tcp-sockets';
import { WRAPPING_ISNS } from './tests/support/wrapping-isn';

/** The ISN of the reference's first SYN-ACK on a network built with `seed`. */
async function firstIsn(seed: number): Promise<number> {
  const net = stackAndPeer({ seed, stack: { createKernel } });
  const lab = new TcpLab({ ...net, sys: new Sys(net.host) }, seed);
  try {
    await listenOn(lab.sys, 8080);
    const conn = lab.connection(5000, 8080);
    await conn.syn();
    await conn.expect({ flags: TcpFlag.SYN | TcpFlag.ACK, seq: 0, ack: 1 });
    return conn.stackIsn;
  } finally {
    net.sim.halt();
    await net.host.dispose();
  }
}

describe('networks whose stack ISN wraps soon', () => {
  for (const { seed, below } of WRAPPING_ISNS) {
    test(`seed ${seed} gives the reference the ISN 2^32 − ${below}`, async () => {
      expect(2 ** 32 - (await firstIsn(seed))).toBe(below);
    });
  }
});
