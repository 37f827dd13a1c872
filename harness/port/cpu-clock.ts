/**
 * The CPU time a kernel process has run, as the judge reads it from outside. A stack that loops
 * burns CPU; a stack that is only slow because the machine is busy waits for a core and burns
 * none. So a process's CPU time tells a loop from load, where wall-clock time cannot.
 *
 * Linux tells it in `/proc/<pid>/schedstat`: the first field is the nanoseconds the process's main
 * thread (the one that runs JavaScript; V8's garbage collector threads are not counted) has spent
 * on a core. Elsewhere there is no such file, and the watchdog has wall-clock time alone.
 */
import * as fs from 'node:fs';

/** The milliseconds of CPU time the main thread of `pid` has run; undefined when the system does not tell (or the process is gone). */
export function cpuTimeMs(pid: number): number | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/schedstat`, 'latin1');
  } catch {
    return undefined;
  }
  const nanoseconds = /^\d+/.exec(text)?.[0];
  return nanoseconds === undefined ? undefined : Number(nanoseconds) / 1e6;
}
