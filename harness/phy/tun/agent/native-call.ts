/**
 * One libc call ready to run, and the two ways to run it: here, or on libuv's thread pool when it
 * may sleep in the kernel. Either way a -1 return becomes errno's name.
 */
import type { LinuxResult } from './protocol';
import { errno, type CFunction } from './libc';
import { errnoName } from './errno-names';

/** A call with its arguments, and how its result reads once it has returned `ret` >= 0. */
export interface NativeCall {
  readonly fn: CFunction;
  readonly args: readonly unknown[];
  /** The result of a successful return; the buffers passed in `args` hold what the call wrote. */
  readonly done: (ret: number) => LinuxResult;
}

function settle(call: NativeCall, ret: number, errnoNow: number): LinuxResult {
  return ret < 0 ? { ok: false, errno: errnoName(errnoNow) } : call.done(ret);
}

/** Run `call` on this thread. */
export function runNow(call: NativeCall): LinuxResult {
  const ret = call.fn(...call.args);
  return settle(call, ret, errno());
}

/** Run `call` on the thread pool: this thread goes on while it sleeps. */
export function runOnPool(call: NativeCall): Promise<LinuxResult> {
  return new Promise((resolve, reject) => {
    call.fn.async(...call.args, (error: unknown, ret: number) => {
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve(settle(call, ret, errno()));
    });
  });
}

/** A result with nothing but the return value. */
export function returned(ret: number): LinuxResult {
  return { ok: true, ret };
}
