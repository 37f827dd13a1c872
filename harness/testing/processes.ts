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

/**
 * Whether process `pid` is gone within `withinMs`. A process killed a moment ago may still be
 * there: dying, or dead and not yet reaped by its parent's event loop, which a busy machine delays.
 */
export async function goneWithin(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}
