/**
 * What TUN runs may have left behind, looked for from the outside, in /proc and with `ip`:
 *
 * - processes of a run: every process whose environment names it (SOCKLAB_TUN_RUN, which each
 *   agent gets, and everything a child run started inherits): agents, jest workers, `nsenter`s;
 * - network namespaces a run made (`net:[...]` as /proc names them) that still exist: a process
 *   in one, or any process holding one open;
 * - named network namespaces (`ip netns list`) that were not there before;
 * - socklab TUN interfaces in this process's own namespace, where none may ever be;
 * - agents this process started and has not closed.
 *
 * Reading another user's /proc entries needs root; rootless, a run's processes are the user's own.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { TUN_RUN_ENV } from '../../tun/agent-launch';
import { commandPath } from '../../tun/namespace-command';
import { liveAgents } from '../../tun/tun-agent';

export interface Leftovers {
  /** `pid command` of each process whose environment names the run. */
  readonly processes: string[];
  /** `pid command net:[...]` of each process in, or holding open, one of the namespaces. */
  readonly namespaceHolders: string[];
  /** Named namespaces that were not in the baseline. */
  readonly namedNamespaces: string[];
  /** socklab interfaces in this process's namespace. */
  readonly hostDevices: string[];
  /** Agents this process still has. */
  readonly liveAgents: number[];
}

/** Nothing left: what a clean run leaves. */
export const NOTHING_LEFT: Leftovers = { processes: [], namespaceHolders: [], namedNamespaces: [], hostDevices: [], liveAgents: [] };

/** The named network namespaces now (`ip netns list`, one per entry). */
export function namedNamespaces(): string[] {
  const listed = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8', env: { ...process.env, PATH: commandPath() } });
  return listed.split('\n').filter((line) => line.trim() !== '');
}

/** Seconds since boot, as /proc/<pid>/stat counts a process's start: take it when a run has ended. */
export function uptimeSeconds(): number {
  return Number(readOrEmpty('/proc/uptime').split(' ')[0]);
}

/**
 * What run `run` left, among `namespaces` and beyond `namedBaseline` (from {@link namedNamespaces}
 * before the run). With `endedAt` ({@link uptimeSeconds} when the run ended), a process started
 * later is not a holder: Linux reuses a freed namespace's number, and other tests (a grader's
 * kernel processes, each in a namespace of its own) make namespaces all the time. Nor is a
 * sandboxed kernel process of the port (harness/port/kernel-process-launch.ts: an empty
 * environment, node with --experimental-permission), which a TUN run never starts, and one may
 * start in a reused number before the run ends. Both signs count: /proc may show the new command
 * line while the environment read a moment before was still the forking parent's (seen in CI).
 * Nor is a process of another TUN run, whose environment names that run (a test file beside it
 * starts agents, each in a namespace that may take a number this run has freed: seen in CI).
 */
/** The flag every sandboxed kernel process runs with, and no process of a TUN run. */
const SANDBOXED_KERNEL_FLAG = '--experimental-permission';

export function findLeftovers(run: string, namespaces: readonly string[], namedBaseline: readonly string[], endedAt = Infinity): Leftovers {
  const wanted = new Set(namespaces);
  const processes: string[] = [];
  const namespaceHolders: string[] = [];
  for (const pid of otherPids()) {
    const environment = readOrEmpty(`/proc/${pid}/environ`);
    const runOf = environment.split('\0').find((variable) => variable.startsWith(`${TUN_RUN_ENV}=`))?.slice(TUN_RUN_ENV.length + 1);
    if (runOf === run) processes.push(`${pid} ${command(pid)}`);
    const anotherRun = runOf !== undefined && runOf !== run;
    if (startedAt(pid) > endedAt || environment === '' || command(pid).includes(SANDBOXED_KERNEL_FLAG) || anotherRun) continue;
    for (const held of namespacesOf(pid)) if (wanted.has(held)) namespaceHolders.push(`${pid} ${command(pid)} ${held}`);
  }
  return {
    processes,
    namespaceHolders: [...new Set(namespaceHolders)],
    namedNamespaces: namedNamespaces().filter((name) => !namedBaseline.includes(name)),
    hostDevices: fs.readdirSync('/sys/class/net').filter((name) => name.startsWith('socklab')),
    liveAgents: liveAgents(),
  };
}

/** Every pid but this process's own. */
function otherPids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => pid !== process.pid);
}

/** The network namespace `pid` is in, and every one it holds open as an fd. */
function namespacesOf(pid: number): string[] {
  const links = [`/proc/${pid}/ns/net`];
  let fds: string[] = [];
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    // Gone, or not ours to read.
  }
  links.push(...fds.map((fd) => `/proc/${pid}/fd/${fd}`));
  return links.map(readLinkOrEmpty).filter((target) => target.startsWith('net:['));
}

/** Clock ticks per second of /proc/<pid>/stat's start time (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/** When `pid` started, in seconds since boot; 0 when it is gone. */
function startedAt(pid: number): number {
  // The command (field 2) may hold spaces and parentheses: count fields after its closing one.
  const stat = readOrEmpty(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[19] ?? 0) / USER_HZ;
}

function command(pid: number): string {
  return readOrEmpty(`/proc/${pid}/cmdline`).split('\0').slice(0, 3).join(' ').slice(0, 120);
}

/** A process may end while it is being looked at: what is gone reads as empty. */
function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'latin1');
  } catch {
    return '';
  }
}

function readLinkOrEmpty(link: string): string {
  try {
    return fs.readlinkSync(link);
  } catch {
    return '';
  }
}
