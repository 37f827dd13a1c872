/**
 * Which backend runs a script, by the name of the stack under test: `linux` is the Linux kernel
 * over TUN (linux/backend.ts); anything else is a socklab stack (`reference`, `starter`, or a
 * folder) on the simulator.
 */
import { UsageError } from '../cli/flags';
import { loadSubmission } from '../loader';
import type { BackendFactory } from './backend';
import { linuxBackend } from './linux/backend';
import { simBackend } from './simulator/backend';

/** The backend for `stack`. */
export function selectBackend(stack: string): BackendFactory {
  try {
    return stack === 'linux' ? linuxBackend() : simBackend(loadSubmission(stack).createKernel);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
