/** Reading a socket's receive queue to the end without waiting: what is queued, in order. */
import { isSocketError, type Fd, type RecvFromResult } from '../../../../harness/contract';
import type { Sys } from '../../../../harness/runtime';

/** The largest datagram payload IPv4 can carry: a buffer this size never truncates. */
const LARGEST_PAYLOAD = 65535;
/** Far more datagrams than any test queues: a stack that hands out more never empties its queue. */
const MOST_QUEUED = 4096;

/**
 * Every datagram queued on `fd` now, oldest first, taken with nonblocking recvfrom until it fails
 * with EAGAIN. Any other error is passed on; so is a recvfrom that never runs dry (one that reads
 * without dequeuing would otherwise hold the test until its timeout).
 */
export async function takeQueued(sys: Sys, fd: Fd, max = LARGEST_PAYLOAD): Promise<RecvFromResult[]> {
  const taken: RecvFromResult[] = [];
  sys.fcntl(fd, 'O_NONBLOCK');
  try {
    for (;;) {
      if (taken.length === MOST_QUEUED) {
        throw new Error(`recvfrom(fd ${fd}) never failed with EAGAIN: it returned ${MOST_QUEUED} datagrams in a row, more than were ever sent (does reading a datagram take it off the queue?)`);
      }
      taken.push(await sys.recvfrom(fd, max));
    }
  } catch (error) {
    if (!isSocketError(error, 'EAGAIN')) throw error;
  } finally {
    sys.fcntl(fd, 'O_NONBLOCK', false);
  }
  return taken;
}

/** The payloads of `results` as text, for comparisons that print readably. */
export function texts(results: readonly RecvFromResult[]): string[] {
  return results.map((result) => new TextDecoder().decode(result.data));
}
