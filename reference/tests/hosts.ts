/**
 * Hand-made hosts for the reference's own unit tests: a KernelEnv with a hand-driven clock, a
 * seeded random stream, and a transmit that collects packets, plus a wire that carries them
 * between two kernels on demand (never from inside a call, as a real link would not either).
 */
import { SocketError, type Errno, type Kernel, type KernelEnv } from '../../harness/contract';
import { createKernel } from '..';

/** Virtual time in ms, moved only by the test (see {@link elapse}); shared by the hosts of a test. */
export class Clock {
  now = 0;
}

/** A kernel and the packets it transmitted that nobody has taken yet. */
export interface TestHost {
  readonly kernel: Kernel;
  readonly address: string;
  readonly sent: Uint8Array[];
}

/** A kernel at `address`, with an MTU of 1500 unless told, a random stream seeded by `seed`, and `clock`'s time. */
export function testHost(address: string, seed = 1, mtu = 1500, clock = new Clock()): TestHost {
  const sent: Uint8Array[] = [];
  const env: KernelEnv = { address, mtu, now: () => clock.now, random: seededRandom(seed), transmit: (packet) => sent.push(packet) };
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

/**
 * Let `ms` of virtual time pass: fire each timer of `a` and `b` at its deadline, carrying the
 * packets of every instant (through `alter`, as {@link exchange} does). Returns every packet carried.
 */
export function elapse(
  clock: Clock,
  ms: number,
  a: TestHost,
  b: TestHost,
  alter = (packet: Uint8Array): Uint8Array | undefined => packet,
): Uint8Array[] {
  const end = clock.now + ms;
  const carried = exchange(a, b, alter);
  for (;;) {
    const deadlines = [a, b].map((host) => host.kernel.nextDeadline()).filter((deadline) => deadline !== undefined);
    const next = Math.min(...deadlines);
    if (next > end) break;
    clock.now = Math.max(clock.now, next);
    for (const host of [a, b]) if ((host.kernel.nextDeadline() ?? Infinity) <= clock.now) host.kernel.tick();
    carried.push(...exchange(a, b, alter));
  }
  clock.now = end;
  return carried;
}

/** The errno `call` throws as a SocketError, or undefined when it returns. */
export function errnoOf(call: () => unknown): Errno | undefined {
  try {
    call();
  } catch (error) {
    if (error instanceof SocketError) return error.errno;
    throw error;
  }
  return undefined;
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
