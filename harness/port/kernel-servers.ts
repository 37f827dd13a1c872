/**
 * The live kernel servers of the test file running in this jest worker, by submission folder,
 * heap size and idle time. Each test file gets kernel processes of its own, started when its first
 * test makes a kernel: whatever a stack leaves in its process (module state, and globals, which no
 * reload of its modules resets) never reaches another file. So a hidden test's data cannot show in
 * a public test's output, and a file's results do not depend on which files its worker ran before.
 * The price is one process start (about 0.1 s) per test file.
 *
 * A submission that could not be loaded (it threw, exited, or looped while loading) is not started
 * again: its every later kernel, in this file or a later one, is lost at once for the same reason,
 * rather than each waiting out the start limit.
 *
 * Jest gives each test file its own modules, so the map below is the file's own. Jest does not copy
 * Node's core modules: what is shared across files hangs on one of their classes. It ends the
 * previous file's processes when the next file starts, so a worker holds one file's at a time, and
 * keeps the servers of submissions that did not load.
 */
import { KernelServer } from './kernel-server';
import { processWide } from './process-wide';

const FILE_OVER = 'the kernel process was closed: its test file is over';

type Servers = Map<string, KernelServer>;

interface Shared {
  /** The servers of the file the worker runs now. */
  current: Servers;
  /** Servers whose submission did not load; each answers every request with why. */
  readonly unloadable: Servers;
}

/** This test file's servers. */
const servers: Servers = new Map();

/** The worker's shared state, made this file's: the previous file's servers are ended. */
function takeOverWorker(): Shared {
  const shared = processWide<Shared>('kernelServers', () => ({ current: servers, unloadable: new Map() }));
  if (shared.current === servers) return shared;
  for (const [key, server] of shared.current) {
    if (server.loadFailure) shared.unloadable.set(key, server);
    server.end(FILE_OVER);
  }
  shared.current = servers;
  return shared;
}

/** The server for `submissionDir`, started when this file has none (or it was lost, but for loading). */
export function kernelServer(submissionDir: string, memoryMb: number, idleMs: number): KernelServer {
  const { unloadable } = takeOverWorker();
  const key = `${memoryMb}:${idleMs}:${submissionDir}`;
  const live = servers.get(key) ?? unloadable.get(key);
  if (live?.usable || live?.loadFailure) return live;
  const started = new KernelServer(submissionDir, memoryMb, idleMs);
  servers.set(key, started);
  return started;
}
