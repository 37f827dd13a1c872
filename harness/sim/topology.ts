/**
 * What every topology shares: how a host is described, how its kernel is reached (a port), and
 * the options common to all topologies. The topologies themselves are in two-hosts.ts and
 * dumbbell.ts.
 */
import type { CreateKernel } from '../contract';
import type { KernelPort } from '../port';
import { defaultPortFactory } from '../port/port-factory';
import { Host } from './host';
import type { Simulator } from './simulator';

/** One host of a topology: its stack, and optionally its name and address. */
export interface HostSpec {
  /** Builds the host's kernel (a submission's export, the reference's, a test kernel). */
  readonly createKernel: CreateKernel;
  /** A short name for reports; each topology has defaults (`a`, `left1`, ...). */
  readonly name?: string;
  /** The host's IPv4 address; each topology has defaults (`10.0.0.1`, ...). */
  readonly address?: string;
}

/** Everything a port needs to run one host's kernel. */
export interface PortRequest {
  readonly name: string;
  readonly address: string;
  readonly mtu: number;
  /** The kernel's `env.random()`: the host's own seeded stream, drawn from `new Rng(seed)`. */
  readonly random: () => number;
  /** The seed of that stream, for a kernel in another process, which builds its own generator. */
  readonly seed: number;
  readonly createKernel: CreateKernel;
}

/** Builds the port of one host: in this process by default, in a child process under the grader. */
export type PortFactory = (host: PortRequest) => KernelPort;

/** Options every topology takes. */
export interface TopologyOptions {
  /** The seed of the run: impairments and every kernel's `random()` derive from it. */
  readonly seed: number;
  /** The MTU every kernel is told (default 1500). */
  readonly mtu?: number;
  /**
   * Builds each host's port. By default a kernel runs in this process, except the stack under
   * test when the loader isolated it (SOCKLAB_ISOLATE=1): that one runs in a child process.
   */
  readonly portFactory?: PortFactory;
  /** Virtual time after which waiting programs fail (default: the simulator's, one hour). */
  readonly timeLimitUs?: number;
}

/** The MTU of every topology unless a test says otherwise: Ethernet's. */
export const DEFAULT_MTU = 1500;

/**
 * A host on `sim` running `spec.createKernel`, named and addressed by `spec` or else by `fallback`.
 * Its `random()` stream is forked once, by address, and kept: forking per call would repeat the
 * same number.
 */
export function createHost(
  sim: Simulator,
  spec: HostSpec,
  fallback: { readonly name: string; readonly address: string },
  options: TopologyOptions,
): Host {
  const name = spec.name ?? fallback.name;
  const address = spec.address ?? fallback.address;
  const stream = sim.rng.fork(`kernel:${address}`);
  const port = (options.portFactory ?? defaultPortFactory())({
    name,
    address,
    mtu: options.mtu ?? DEFAULT_MTU,
    random: () => stream.next(),
    seed: stream.seed,
    createKernel: spec.createKernel,
  });
  return new Host(sim, name, address, port);
}
