/** Nonblocking calls as an event loop makes them: EAGAIN is an answer, not an error. */
import { isSocketError } from '../contract';

/** A call's value, or undefined when it would have blocked (EAGAIN); any other error is thrown. */
export async function unlessWouldBlock<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (isSocketError(error, 'EAGAIN')) return undefined;
    throw error;
  }
}
