// Generated from reference/index.ts by `npm run starter:build`. This file is yours now: edit it freely.

/**
 * socklab's reference stack. A submission exports exactly one thing: {@link createKernel}.
 */
import type { Kernel, KernelEnv } from '../harness/contract';
import { SocklabKernel } from './kernel';

/** Build the network stack of one host; the harness calls it once per host. */
export function createKernel(env: KernelEnv): Kernel {
  return new SocklabKernel(env);
}
