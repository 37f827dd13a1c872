/**
 * One memory budget for a whole run of a milestone's suites: jest, its workers and every kernel
 * process they start, together, enforced by the operating system. A V8 heap limit alone bounds
 * neither Buffers (outside the heap) nor the number of processes that each fill their heap.
 *
 * Where the machine allows, the run goes into a control group of its own made below the grader's
 * (cgroup v2, or v1's memory and pids hierarchies): memory beyond the budget makes the kernel kill
 * a process of the run, and the group counts it, so the report can say which limit ended the run;
 * the number of tasks is bounded too. Elsewhere each process gets the budget as its address-space
 * rlimit (prlimit), which bounds one process, not their sum; the report says which one applied.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NODE_RESERVED_MB } from '../harness/port/kernel-process-launch';
import { findProgram } from '../harness/port/network-isolation';
import { processAlive } from './process-group';

/** Tasks (processes and their threads) a run may have at once: jest, a worker and a kernel process per core, with room. */
export const MAX_TASKS = 1024;

const CGROUP_ROOT = '/sys/fs/cgroup';

/** How a run of the suites is bounded. */
export interface Budget {
  /** Said in the report: how memory is bounded, or what could not be had. */
  readonly how: string;
  /** Whether one limit bounds all the run's processes together. */
  readonly whole: boolean;
  /** `command args` as run inside the budget. */
  wrap(command: string, args: readonly string[]): { command: string; args: string[] };
  /** Which limit the run reached, in words, or undefined. Read after the run. */
  reached(): string | undefined;
  /** Remove the group (its processes are gone). */
  dispose(): void;
}

/** A control group made for one run: the files that put a process in it, and the counters to read. */
interface Group {
  readonly dirs: readonly string[];
  readonly procs: readonly string[];
  readonly oomKills: () => number;
  readonly tasksDenied: () => number;
  readonly version: string;
}

/** The grader's own group in `hierarchy` (v1: a controller's name; v2: ''), from /proc/self/cgroup. */
function ownGroup(hierarchy: string): string | undefined {
  for (const line of fs.readFileSync('/proc/self/cgroup', 'utf8').split('\n')) {
    const [, controllers, where] = line.split(':');
    if (controllers === undefined || where === undefined) continue;
    if (hierarchy === '' ? controllers === '' && line.startsWith('0:') : controllers.split(',').includes(hierarchy)) return where;
  }
  return undefined;
}

/** The number after `key ` in a flat-keyed file such as memory.events, or 0. */
function counter(file: string, key: string): number {
  try {
    const line = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith(`${key} `));
    return line ? Number(line.slice(key.length + 1)) || 0 : 0;
  } catch {
    return 0;
  }
}

/**
 * A new group under `parent`. Its name is unique even where an earlier group of this process
 * stays behind (a process of its run was still dying when it was removed) and this module was
 * loaded afresh (jest does so for each test file): a name taken would fail the budget. Groups
 * left so by graders that have exited since are removed first, or every grading would leave some.
 */
function makeChild(parent: string): string {
  sweepLeftovers(parent);
  const dir = path.join(parent, `socklab-${process.pid}-${randomUUID()}`);
  fs.mkdirSync(dir);
  return dir;
}

/**
 * Remove the groups under `parent` made by processes no longer alive (the pid in the name). A
 * living grader's groups stay: one of its runs may not have entered its group yet.
 */
function sweepLeftovers(parent: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    const owner = /^socklab-(\d+)-/.exec(name)?.[1];
    if (owner === undefined || processAlive(Number(owner))) continue;
    try {
      fs.rmdirSync(path.join(parent, name));
    } catch {
      // A process of that run is still in it: a later grading will remove it.
    }
  }
}

function cgroupV2(bytes: number): Group {
  const mount = [path.join(CGROUP_ROOT, 'unified'), CGROUP_ROOT].find((dir) => fs.existsSync(path.join(dir, 'cgroup.controllers')));
  const own = ownGroup('');
  if (!mount || own === undefined) throw new Error('no cgroup v2 hierarchy');
  const parent = path.join(mount, own);
  if (!fs.readFileSync(path.join(parent, 'cgroup.subtree_control'), 'utf8').split(/\s+/).includes('memory')) {
    throw new Error(`cgroup v2 at ${parent} does not delegate the memory controller`);
  }
  const dir = makeChild(parent);
  try {
    fs.writeFileSync(path.join(dir, 'memory.max'), String(bytes));
    if (fs.existsSync(path.join(dir, 'memory.swap.max'))) fs.writeFileSync(path.join(dir, 'memory.swap.max'), '0');
    if (fs.existsSync(path.join(dir, 'pids.max'))) fs.writeFileSync(path.join(dir, 'pids.max'), String(MAX_TASKS));
  } catch (error) {
    fs.rmdirSync(dir);
    throw error;
  }
  return {
    dirs: [dir],
    procs: [path.join(dir, 'cgroup.procs')],
    oomKills: () => counter(path.join(dir, 'memory.events'), 'oom_kill'),
    tasksDenied: () => counter(path.join(dir, 'pids.events'), 'max'),
    version: 'cgroup v2',
  };
}

function cgroupV1(bytes: number): Group {
  const own = ownGroup('memory');
  if (own === undefined) throw new Error('no cgroup v1 memory hierarchy');
  const memory = makeChild(path.join(CGROUP_ROOT, 'memory', own));
  const dirs = [memory];
  try {
    fs.writeFileSync(path.join(memory, 'memory.limit_in_bytes'), String(bytes));
    // Without a swap limit the budget would spill into swap; not every kernel accounts swap.
    const swap = path.join(memory, 'memory.memsw.limit_in_bytes');
    if (fs.existsSync(swap)) fs.writeFileSync(swap, String(bytes));
    const ownPids = ownGroup('pids');
    if (ownPids !== undefined) {
      const pids = makeChild(path.join(CGROUP_ROOT, 'pids', ownPids));
      dirs.push(pids);
      fs.writeFileSync(path.join(pids, 'pids.max'), String(MAX_TASKS));
    }
  } catch (error) {
    dirs.forEach((dir) => fs.rmdirSync(dir));
    throw error;
  }
  return {
    dirs,
    procs: dirs.map((dir) => path.join(dir, 'cgroup.procs')),
    oomKills: () => counter(path.join(memory, 'memory.oom_control'), 'oom_kill'),
    tasksDenied: () => (dirs[1] ? counter(path.join(dirs[1], 'pids.events'), 'max') : 0),
    version: 'cgroup v1',
  };
}

/** Enter the groups, then become the command: nothing of the run starts outside them. */
const ENTER = 'for f in "$@"; do case "$f" in --) shift; break;; esac; echo $$ > "$f" || exit 125; shift; done; exec "$@"';

function inGroup(group: Group, mb: number): Budget {
  return {
    how: `${group.version}: ${mb} MB for jest, its workers and the kernel processes together, at most ${MAX_TASKS} tasks`,
    whole: true,
    wrap: (command, args) => ({ command: '/bin/sh', args: ['-c', ENTER, 'sh', ...group.procs, '--', command, ...args] }),
    reached: () => {
      const kills = group.oomKills();
      if (kills > 0) return `the run's memory budget of ${mb} MB (all its processes together) was exhausted: the operating system killed ${kills} of its processes`;
      if (group.tasksDenied() > 0) return `the run reached its limit of ${MAX_TASKS} tasks: a process could not be started`;
      return undefined;
    },
    dispose: () => {
      for (const dir of group.dirs) {
        try {
          fs.rmdirSync(dir);
        } catch {
          // A process of the run still dying: the next grading after this grader exits removes it.
        }
      }
    },
  };
}

function perProcess(mb: number, missing: string): Budget {
  const prlimit = findProgram('prlimit');
  // Beyond what node reserves of its address space before it runs anything: without it, no node starts.
  const bytes = (mb + NODE_RESERVED_MB) * 1024 * 1024;
  const works = prlimit !== undefined && spawnSync(prlimit, [`--as=${bytes}`, '--', 'true']).status === 0;
  const how = works
    ? `per process only: each process may map ${mb} MB beyond the ${NODE_RESERVED_MB} MB node reserves (address-space rlimit), since no control group could be made (${missing})`
    : `none beyond each process's V8 heap: no control group could be made (${missing}) and prlimit(1) is not available`;
  return {
    how,
    whole: false,
    wrap: (command, args) => (works && prlimit ? { command: prlimit, args: [`--as=${bytes}`, '--', command, ...args] } : { command, args: [...args] }),
    reached: () => undefined,
    dispose: () => undefined,
  };
}

/** The budget of one run: `mb` megabytes for all its processes together where the machine allows. */
export function memoryBudget(mb: number): Budget {
  const bytes = mb * 1024 * 1024;
  const failures: string[] = [];
  for (const make of [cgroupV2, cgroupV1]) {
    try {
      return inGroup(make(bytes), mb);
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
  }
  return perProcess(mb, failures.join('; '));
}
