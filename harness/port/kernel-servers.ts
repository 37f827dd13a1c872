/**
 * The live kernel servers of the test file running in this jest worker, by submission folder,
 * heap size and idle time. Each test file gets kernel processes of its own, started when its first
 * test makes a kernel: whatever a stack leaves in its process (module state, and globals, which no
 * reload of its modules resets) never reaches another file. So a hidden test's data cannot show in
 * a public test's output, and a file's results do not depend on which files its worker ran before.
 * The price is one process start (about 0.1 s) per test file.
 *
 * Jest gives each test file its own modules, so the map below is the file's own. Jest does not copy
 * Node's core modules: the one thing shared across files hangs on one of their classes, and ends the
 * previous file's processes when the next file starts, so a worker holds one file's at a time.
 */
import { ChildProcess } from 'node:child_process';
import { KernelServer } from './kernel-server';

const CURRENT_FILE = Symbol.for('socklab.kernelServersOfCurrentFile');
const FILE_OVER = 'the kernel process was closed: its test file is over';

type Servers = Map<string, KernelServer>;

/** This test file's servers. */
const servers: Servers = new Map();

/** Make this file's servers the worker's current ones, ending those of the file before. */
function takeOverWorker(): void {
  const holder = ChildProcess as unknown as { [CURRENT_FILE]?: Servers };
  const previous = holder[CURRENT_FILE];
  if (previous === servers) return;
  for (const server of previous?.values() ?? []) server.end(FILE_OVER);
  holder[CURRENT_FILE] = servers;
}

/** The server for `submissionDir`, started when this file has none (or it was lost). */
export function kernelServer(submissionDir: string, memoryMb: number, idleMs: number): KernelServer {
  takeOverWorker();
  const key = `${memoryMb}:${idleMs}:${submissionDir}`;
  const live = servers.get(key);
  if (live?.usable) return live;
  const started = new KernelServer(submissionDir, memoryMb, idleMs);
  servers.set(key, started);
  return started;
}
