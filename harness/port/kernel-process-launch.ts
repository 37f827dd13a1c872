/**
 * How a kernel process is started: a fresh `node` under the permission model that may read only
 * the submission's (staged) folder and the few harness files it runs, with no network, no
 * environment, no stdin, and its stdout and stderr thrown away (a stack may print; nothing it
 * prints reaches the judge).
 * Messages go over the IPC channel only, with structured clone, so packets stay Uint8Arrays.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StartMessage } from './child-protocol';
import { shipSources, transpile } from './child-sources';
import { kernelWorkingFolder } from './kernel-working-folder';
import { findProgram, networkIsolation } from './network-isolation';

const HARNESS = fs.realpathSync(path.resolve(__dirname, '..'));

/** The harness code the child runs (kernel-process.ts and everything it imports), and nothing else. */
const RUNTIME = ['contract', 'port', 'loader', path.join('sim', 'rng.ts')].map((part) => path.join(HARNESS, part));

/** The packages that code needs, by real path: the permission model checks the paths `require` reads. */
const PACKAGES = [fs.realpathSync(path.join(path.dirname(HARNESS), 'node_modules', 'pure-rand'))];

/** The node flags of a kernel process that may read `readable` (real paths) and no more. */
export function sandboxFlags(readable: readonly string[], memoryMb: number): string[] {
  return [
    '--experimental-permission',
    ...readable.map((allowed) => `--allow-fs-read=${allowed}`),
    // eval and new Function would compile code the transpiler never saw (a raw `import()`, see lockdown.ts).
    '--disallow-code-generation-from-strings',
    '--enable-source-maps',
    `--max-old-space-size=${memoryMb}`,
  ];
}

/**
 * What node reserves of its address space beyond the heap, in MiB: about 1 GiB before any code
 * runs (code space, thread stacks, the heap's reservations), and a little more as the JIT warms up.
 * Without it in the limit, a kernel process of the default 512 MiB was killed by SIGSEGV after some
 * 23,000 calls, its resident memory still under 80 MiB.
 */
export const NODE_RESERVED_MB = 1024;

/**
 * Buffers live outside the V8 heap its flag bounds: an address-space rlimit of twice the heap (and
 * what node reserves) makes a stack that allocates gigabytes fail at once with an error, instead of
 * pressing on the run's memory budget (grader/budget.ts) until the operating system kills it, test
 * after test.
 */
function addressSpaceLimit(memoryMb: number): string[] {
  const prlimit = findProgram('prlimit');
  return prlimit ? [prlimit, `--as=${(2 * memoryMb + NODE_RESERVED_MB) * 1024 * 1024}`, '--'] : [];
}

function realPath(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    // The child's loader reports a missing folder in the words the loader always uses.
    return path.resolve(dir);
  }
}

/**
 * Start the kernel process for the submission in `submissionDir`, its V8 heap limited to
 * `memoryMb`, off the network where the machine allows (network-isolation.ts), in an empty
 * working folder of its own (kernel-working-folder.ts) that is removed when it ends.
 */
export function launchKernelProcess(submissionDir: string, memoryMb: number): ChildProcess {
  const submission = realPath(submissionDir);
  const loader = transpile(path.join(HARNESS, 'port', 'kernel-loader.ts'), 'kernel-loader.ts');
  if ('error' in loader) throw new Error(`the harness's kernel loader does not compile: ${loader.error}`);
  const [command = process.execPath, ...prefixArgs] = [...addressSpaceLimit(memoryMb), ...networkIsolation().prefix, process.execPath];
  const node = [...sandboxFlags([submission, ...RUNTIME, ...PACKAGES], memoryMb), '-e', loader.js];
  const cwd = kernelWorkingFolder();
  const child = spawn(command, [...prefixArgs, ...node], {
    cwd,
    env: {},
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    serialization: 'advanced',
  });
  child.once('close', () => fs.rmSync(cwd, { recursive: true, force: true }));
  const start: StartMessage = {
    kind: 'start',
    sources: shipSources([submission, ...RUNTIME]),
    runtime: path.join(HARNESS, 'port', 'kernel-process.ts'),
    submission,
  };
  // Without a pid the process did not start: the 'error' event tells why.
  if (child.pid !== undefined) child.send(start);
  return child;
}
