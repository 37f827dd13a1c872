/** Reading a socket's receive queue to the end without waiting: what is queued, in order. */
import { SocketError, type Fd, type RecvFromResult } from '../../../../harness/contract';
import type { Sys } from '../../../../harness/runtime';

/** The largest datagram payload IPv4 can carry: a buffer this size never truncates. */
const LARGEST_PAYLOAD = 65535;

/**
 * Every datagram queued on `fd` now, oldest first, taken with nonblocking recvfrom until it fails
 * with EAGAIN. Any other error is passed on.
 */
export async function takeQueued(sys: Sys, fd: Fd, max = LARGEST_PAYLOAD): Promise<RecvFromResult[]> {
  const taken: RecvFromResult[] = [];
  sys.fcntl(fd, 'O_NONBLOCK');
  try {
    for (;;) taken.push(await sys.recvfrom(fd, max));
  } catch (error) {
    if (!(error instanceof SocketError && error.errno === 'EAGAIN')) throw error;
  } finally {
    sys.fcntl(fd, 'O_NONBLOCK', false);
  }
  return taken;
}

/** The payloads of `results` as text, for comparisons that print readably. */
export function texts(results: readonly RecvFromResult[]): string[] {
  return results.map((result) => new TextDecoder().decode(result.data));
}
