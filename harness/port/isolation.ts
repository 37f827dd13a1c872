/**
 * Whether the stack under test runs in its own process (DESIGN §6, Integrity), and what the loader
 * hands out in place of its code when it does: a stand-in that names the stack's folder, so that a
 * port factory knows which kernel to start in a child process. A leaf module: the loader imports
 * it, and the loader also runs inside the kernel's process, which may load only a few harness files.
 */
import type { CreateKernel } from '../contract';

/** The environment variable that asks for isolation; the grader sets it to `1`. */
export const ISOLATE_VARIABLE = 'SOCKLAB_ISOLATE';

/** Each stand-in and the folder of the stack it stands for. */
const standIns = new WeakMap<CreateKernel, string>();

/** True when `env` asks for the stack under test in its own process. */
export function isolationRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[ISOLATE_VARIABLE] === '1';
}

/**
 * What the loader hands out as the stack's `createKernel` under isolation, instead of loading its
 * code into the judge's realm. A host built on it runs the stack in its own process (see
 * port-factory.ts); calling it in the judge, as a test that drives a kernel directly would, fails
 * with the reason.
 */
export function isolatedCreateKernel(dir: string): CreateKernel {
  const standIn: CreateKernel = () => {
    throw new Error(`the stack at ${dir} runs in its own process (${ISOLATE_VARIABLE}=1): reach it through a host's port, not by calling createKernel`);
  };
  standIns.set(standIn, dir);
  return standIn;
}

/** The folder of the stack that `createKernel` stands for, when it is a stand-in; else undefined. */
export function isolatedStackDir(createKernel: CreateKernel): string | undefined {
  return standIns.get(createKernel);
}
