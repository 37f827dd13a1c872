/** Expecting a syscall to fail with a given errno, with a message that says what happened instead. */
import { SocketError, type Errno } from '../../../../harness/contract';

/**
 * Wait for `call` and check that it failed with `errno`. Anything else that was thrown (the
 * starter's "not implemented", a crash of the stack) is passed on unchanged, so that the test
 * fails with that reason.
 */
export async function expectErrno(call: Promise<unknown>, errno: Errno, what = 'the call'): Promise<void> {
  let result: unknown;
  try {
    result = await call;
  } catch (error) {
    if (!(error instanceof SocketError)) throw error;
    if (error.errno === errno) return;
    throw new Error(`expected ${what} to fail with ${errno}, but it failed with ${error.message}`, { cause: error });
  }
  throw new Error(`expected ${what} to fail with ${errno}, but it succeeded and returned ${describe(result)}`);
}

function describe(value: unknown): string {
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  return JSON.stringify(value) ?? String(value);
}
