/**
 * The fuzzed kernel, reached through a port as every host reaches its kernel: in this process
 * normally, in a child process when the grader isolates the stack under test (SOCKLAB_ISOLATE=1).
 * Going through the port costs a round trip per call, but it is the only way that works in both.
 */
import type { CreateKernel, Kernel, Syscall } from '../../../../../harness/contract';
import { fromPortError, type Reply } from '../../../../../harness/port';
import { defaultPortFactory } from '../../../../../harness/port/port-factory';
import { Rng } from '../../../../../harness/sim/rng';

export interface FuzzedKernel {
  /** Hand it one packet; resolves to what it transmitted in answer, or rejects with what it threw. */
  receive(packet: Uint8Array): Promise<Uint8Array[]>;
  /** One syscall; rejects with what it threw (a SocketError stays one). */
  call<M extends Syscall>(method: M, ...args: Parameters<Kernel[M]>): Promise<ReturnType<Kernel[M]>>;
  dispose(): Promise<void>;
}

/** A kernel of `createKernel` at `address` (MTU 1500), its randomness seeded by `seed`. Time stands still: UDP sets no timers. */
export function openFuzzedKernel(createKernel: CreateKernel, address: string, seed: number): FuzzedKernel {
  const random = new Rng(seed);
  const port = defaultPortFactory()({ name: 'fuzzed', address, mtu: 1500, seed, random: () => random.next(), createKernel });
  /** The reply's value, or what the kernel threw, as the harness's own error (a SocketError stays one). */
  const valueOf = (reply: Reply, call: string): unknown => {
    if (!reply.outcome.ok) throw fromPortError(reply.outcome.error, call);
    return reply.outcome.value;
  };
  return {
    async receive(packet) {
      const reply = await port.receive(0, packet);
      valueOf(reply, 'receive()');
      return reply.transmitted;
    },
    async call(method, ...args) {
      return valueOf(await port.call(0, method, args), method) as ReturnType<Kernel[typeof method]>;
    },
    dispose: () => port.dispose(),
  };
}
