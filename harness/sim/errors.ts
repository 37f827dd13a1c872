/**
 * How a simulation ends badly. Each message says what waited, the virtual time and the seed,
 * so that a student can rerun exactly the failing case with SOCKLAB_SEED.
 */

/** Every program waits and nothing is scheduled that could wake one: the run can never progress. */
export class DeadlockError extends Error {
  constructor(
    private readonly waiting: readonly string[],
    private readonly nowUs: number,
    private readonly seed: number,
    /** What one waiter saw while it waited (kernel-drops.ts): on the first line, which is what a summary shows. */
    detail?: string,
  ) {
    const who = waiting.length === 1 ? `${waiting[0]} waits` : `${waiting.join(' and ')} wait`;
    super(`deadlock: ${who}, but no packet or timer is pending (t=${formatTime(nowUs)}, seed ${seed})${detail ? `; ${detail}` : ''}`);
    this.name = 'DeadlockError';
  }

  /**
   * The same deadlock, told with `detail`: a new error, because every waiter is failed with the
   * same one and each adds what its own kernel saw.
   */
  explained(detail: string): DeadlockError {
    return new DeadlockError(this.waiting, this.nowUs, this.seed, detail);
  }
}

/** Virtual time passed the run's limit while programs still waited: a livelock or a test that never ends. */
export class TimeLimitError extends Error {
  constructor(waiting: readonly string[], limitUs: number, seed: number) {
    super(
      `virtual time limit of ${formatTime(limitUs)} reached while ${waiting.join(' and ')} still waited ` +
        `(seed ${seed}): timers keep firing but the awaited event never comes`,
    );
    this.name = 'TimeLimitError';
  }
}

/**
 * Programs kept calling a kernel at one instant without ever waiting, so virtual time could not
 * move: a loop that never blocks (a poll that says ready while recv says EAGAIN, say).
 */
export class LivelockError extends Error {
  constructor(host: string, calls: number, nowUs: number, seed: number) {
    super(
      `livelock: the programs on ${host} made ${calls} calls at t=${formatTime(nowUs)} without ever waiting, so time could not move ` +
        `(seed ${seed}): a loop that never blocks, such as a poll that says ready while the call it allows fails with EAGAIN`,
    );
    this.name = 'LivelockError';
  }
}

/** Virtual microseconds as a human reads them: `12.345 ms`, `3.2 s`. */
export function formatTime(us: number): string {
  if (us < 1_000_000) return `${(us / 1000).toFixed(3)} ms`;
  return `${(us / 1_000_000).toFixed(6).replace(/0+$/, '').replace(/\.$/, '')} s`;
}
