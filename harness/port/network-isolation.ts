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

let probed: NetworkIsolation | undefined;

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

/** The best isolation this machine allows, found once per process by trying each way. */
export function networkIsolation(): NetworkIsolation {
  if (probed) return probed;
  const unshare = findProgram('unshare');
  if (!unshare) return (probed = { prefix: [], how: 'none: unshare(1) is not installed, so kernel processes share the machine’s network' });
  const failures: string[] = [];
  for (const way of WAYS) {
    const trial = spawnSync(unshare, [...way.flags, '--', 'true'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 5000 });
    if (trial.status === 0) return (probed = { prefix: [unshare, ...way.flags, '--'], how: way.how });
    failures.push(`unshare ${way.flags.join(' ')}: ${(trial.stderr || trial.error?.message || `exit ${trial.status}`).trim()}`);
  }
  return (probed = { prefix: [], how: `none: this machine allows no network namespace (${failures.join('; ')}), so kernel processes share its network` });
}
