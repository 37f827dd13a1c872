/**
 * Which port each host of a topology gets. A kernel whose code the loader kept out of the judge's
 * process (under `SOCKLAB_ISOLATE=1`, see isolation.ts) runs in its own process, a
 * {@link ChildPort}; every other kernel (the stack under test in students' `npm test`, the
 * reference as a peer, test kernels) runs in this process, a {@link LocalPort}.
 */
import type { PortRequest } from '../sim/topology';
import { ChildPort, type ChildPortOptions } from './child-port';
import { isolatedStackDir } from './isolation';
import type { KernelPort } from './kernel-port';
import { LocalPort } from './local-port';

/** The limits of an isolated kernel's process, when the defaults do not suit. */
export type ChildLimits = Pick<ChildPortOptions, 'callTimeoutMs' | 'callCpuMs' | 'startTimeoutMs' | 'memoryMb'>;

/** A port factory: a child process for a stand-in's stack, this process for any other kernel. */
export function defaultPortFactory(limits: ChildLimits = {}): (host: PortRequest) => KernelPort {
  return (host) => {
    const dir = isolatedStackDir(host.createKernel);
    return dir === undefined
      ? new LocalPort(host.createKernel, { address: host.address, mtu: host.mtu, random: host.random })
      : new ChildPort(dir, { address: host.address, mtu: host.mtu, seed: host.seed, ...limits });
  };
}
