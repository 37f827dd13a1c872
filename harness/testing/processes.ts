/** Facts about processes, for the tests that check a child or an agent is gone. */

/** Whether a process `pid` exists (signal 0 checks without sending anything). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
