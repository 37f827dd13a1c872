/**
 * Process groups of the children the grader starts. Each child leads a group of its own, so that
 * killing the group ends jest, its workers, and anything a submission spawned — on a timeout, after
 * a normal end (nothing may outlive a run), and when the grader itself exits.
 */

const live = new Set<number>();
let hooked = false;

/** Remember a group, so that it is killed if the grader exits first. */
export function trackGroup(pid: number): void {
  if (!hooked) process.on('exit', killAll);
  hooked = true;
  live.add(pid);
}

/** SIGKILL every process of the group led by `pid`; a group already gone is fine. */
export function killGroup(pid: number): void {
  live.delete(pid);
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

function killAll(): void {
  for (const pid of [...live]) killGroup(pid);
}

/** Whether process `pid` exists (signal 0 checks without sending anything; EPERM: it does, not ours). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
