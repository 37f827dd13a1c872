/**
 * The live kernel servers, by submission folder, heap size and idle time, shared by every test
 * file a jest worker runs, so that a kernel process is started and sent the submission once per
 * worker rather than once per file. Jest gives each test file its own modules and globals; Node's
 * core modules are the one thing it does not copy, so what is shared hangs on one of their classes.
 *
 * Each file still gets the submission loaded anew (its {@link LOADING}), as it would in the
 * judge's process: module state never carries from one file to the next, so a file's results do
 * not depend on which files its worker ran before it.
 */
import { ChildProcess } from 'node:child_process';
import { KernelServer } from './kernel-server';

const SHARED = Symbol.for('socklab.kernelServers');

interface Shared {
  readonly servers: Map<string, KernelServer>;
  loadings: number;
}

function shared(): Shared {
  const holder = ChildProcess as unknown as { [SHARED]?: Shared };
  return (holder[SHARED] ??= { servers: new Map(), loadings: 0 });
}

/** This module instance's loading of the submission: one per test file, since jest loads modules per file. */
export const LOADING = ++shared().loadings;

/** The server for `submissionDir`, started when there is none (or it was lost). */
export function kernelServer(submissionDir: string, memoryMb: number, idleMs: number): KernelServer {
  const key = `${memoryMb}:${idleMs}:${submissionDir}`;
  const { servers } = shared();
  const live = servers.get(key);
  if (live?.usable) return live;
  const started = new KernelServer(submissionDir, memoryMb, idleMs);
  servers.set(key, started);
  return started;
}
