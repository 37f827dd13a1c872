/**
 * Can this machine run the TUN bridge, and if not, why not and what to do? One probe, used by
 * every TUN suite (to skip with the cause), the Linux script backend and the TUN demo (to refuse
 * with it). It checks, cheapest first, what a TUN agent needs:
 *
 * 1. Linux;
 * 2. the clone device opens for reading and writing (opening it creates nothing);
 * 3. `unshare` can make a network namespace (as root, or in a user namespace otherwise);
 * 4. `ip` (iproute2) is there;
 * 5. koffi loads libc.
 *
 * A machine that passes may still fail to start an agent (a TUNSETIFF refused by a security
 * module, say): that is then a test failure with the agent's reason, never a skip.
 */
import { spawnSync } from 'node:child_process';
import type * as Koffi from 'koffi' with { 'resolution-mode': 'import' };
import * as fs from 'node:fs';
import { commandPath, runningAsRoot, unshareArgs } from './namespace-command';

/** The TUN bridge works here (as root, or rootless in a user namespace), or it does not, and why. */
export type TunProbe = { readonly ok: true; readonly mode: 'root' | 'rootless' } | { readonly ok: false; readonly cause: string };

export interface TunProbeOptions {
  /** The clone device (default /dev/net/tun): tests point it elsewhere to see the negative path. */
  readonly device?: string;
}

const remembered = new Map<string, TunProbe>();

/** Probe once per device and process; later calls return the first answer. */
export function probeTun(options: TunProbeOptions = {}): TunProbe {
  const device = options.device ?? '/dev/net/tun';
  let probe = remembered.get(device);
  if (!probe) {
    probe = check(device);
    remembered.set(device, probe);
  }
  return probe;
}

function check(device: string): TunProbe {
  if (process.platform !== 'linux') return { ok: false, cause: `TUN devices need Linux (this is ${process.platform})` };
  const deviceProblem = openProblem(device);
  if (deviceProblem) return { ok: false, cause: deviceProblem };
  const env = { ...process.env, PATH: commandPath() };
  const unshare = spawnSync('unshare', [...unshareArgs(), 'true'], { env, encoding: 'utf8' });
  if (unshare.error) return { ok: false, cause: `unshare cannot run (${unshare.error.message}): install util-linux` };
  if (unshare.status !== 0) {
    return {
      ok: false,
      cause:
        `cannot make a private network namespace (unshare ${unshareArgs().join(' ')}: ${unshare.stderr.trim() || `exit ${unshare.status}`}): ` +
        'run as root, or where unprivileged user namespaces are allowed (sysctl kernel.unprivileged_userns_clone=1, user.max_user_namespaces > 0)',
    };
  }
  const ip = spawnSync('ip', ['-V'], { env, encoding: 'utf8' });
  if (ip.error || ip.status !== 0) return { ok: false, cause: 'the ip command (iproute2) is missing: install iproute2' };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('koffi') as typeof Koffi).load('libc.so.6');
  } catch (error) {
    return { ok: false, cause: `koffi cannot load libc (${error instanceof Error ? error.message : String(error)}): reinstall the npm dependencies (npm ci)` };
  }
  return { ok: true, mode: runningAsRoot() ? 'root' : 'rootless' };
}

/** Why `device` cannot be opened for reading and writing, or undefined when it can. */
function openProblem(device: string): string | undefined {
  try {
    fs.closeSync(fs.openSync(device, fs.constants.O_RDWR));
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    if (code === 'ENOENT') return `${device} does not exist (ENOENT): load the tun module (modprobe tun), or run where ${device} exists`;
    return `${device} not accessible (${code}): run as root or where unprivileged user namespaces are allowed (and ${device} is readable and writable by you)`;
  }
}
