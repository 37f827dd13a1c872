/**
 * How a kernel process is kept off the network: started by `unshare` in a network namespace of its
 * own, which holds only a loopback device that is down, so no address, local or remote, answers.
 * Root gets one directly; elsewhere an unprivileged user namespace may allow it. Where neither
 * does, the process runs without, and the grader's report says so (lockdown.ts still takes
 * `net`, `dgram` and `fetch` away from the stack).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { processWide } from './process-wide';

/** What a kernel process is started under. */
export interface NetworkIsolation {
  /** The command and arguments that go before `node ...`; empty without isolation. */
  readonly prefix: readonly string[];
  /** Said in the report: how the process is kept off the network, or why it is not. */
  readonly how: string;
}

/** The ways to get a namespace, best first: as root, then as an unprivileged user mapped to root. */
const WAYS = [
  { flags: ['--net'], how: 'an empty network namespace of its own (unshare --net)' },
  { flags: ['--map-root-user', '--net'], how: 'an empty network namespace in a user namespace (unshare --map-root-user --net)' },
] as const;

/** The absolute path of the program `name` on the judge's PATH (or in /usr/bin, /bin), if installed. */
export function findProgram(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/bin'];
  return dirs
    .filter((dir) => path.isAbsolute(dir))
    .map((dir) => path.join(dir, name))
    .find(isExecutable);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The best isolation this machine allows, found once per process by trying each way (not once
 * per test file: each try starts a process, and a grading starts a kernel process per file).
 */
export function networkIsolation(): NetworkIsolation {
  return processWide('networkIsolation', probe);
}

function probe(): NetworkIsolation {
  const unshare = findProgram('unshare');
  if (!unshare) return { prefix: [], how: 'none: unshare(1) is not installed, so kernel processes share the machine’s network' };
  const failures: string[] = [];
  for (const way of WAYS) {
    const trial = spawnSync(unshare, [...way.flags, '--', 'true'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 5000 });
    if (trial.status === 0) return { prefix: [unshare, ...way.flags, '--'], how: way.how };
    failures.push(`unshare ${way.flags.join(' ')}: ${(trial.stderr || trial.error?.message || `exit ${trial.status}`).trim()}`);
  }
  return { prefix: [], how: `none: this machine allows no network namespace (${failures.join('; ')}), so kernel processes share its network` };
}
