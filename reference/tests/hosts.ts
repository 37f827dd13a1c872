/**
 * Hand-made hosts for the reference's own unit tests: a KernelEnv with a fixed clock, a seeded
 * random stream, and a transmit that collects packets, plus a wire that carries them between two
 * kernels on demand (never from inside a call, as a real link would not either).
 */
import type { Kernel, KernelEnv } from '../../harness/contract';
import { createKernel } from '..';

/** A kernel and the packets it transmitted that nobody has taken yet. */
export interface TestHost {
  readonly kernel: Kernel;
  readonly address: string;
  readonly sent: Uint8Array[];
}

/** A kernel at `address`, with an MTU of 1500 unless told, and a random stream seeded by `seed`. */
export function testHost(address: string, seed = 1, mtu = 1500): TestHost {
  const sent: Uint8Array[] = [];
  const env: KernelEnv = { address, mtu, now: () => 0, random: seededRandom(seed), transmit: (packet) => sent.push(packet) };
  return { kernel: createKernel(env), address, sent };
}

/**
 * Carry packets between `a` and `b` until neither has anything left to send; `alter` may change
 * or drop (return undefined) each packet on the way. Returns every packet carried, in order.
 */
export function exchange(a: TestHost, b: TestHost, alter = (packet: Uint8Array): Uint8Array | undefined => packet): Uint8Array[] {
  const carried: Uint8Array[] = [];
  while (a.sent.length > 0 || b.sent.length > 0) {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      for (const packet of from.sent.splice(0)) {
        carried.push(packet);
        const altered = alter(packet);
        if (altered) to.kernel.receive(altered);
      }
    }
  }
  return carried;
}

/** Bytes of a string, for payloads. */
export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** mulberry32: a small seeded generator, so that every run of a test is the same. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
