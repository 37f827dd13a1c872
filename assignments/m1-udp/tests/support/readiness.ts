/** A socket's readiness by name, so that a mismatch reads as `EPOLLIN|EPOLLOUT` rather than 5. */
import { formatEvents, type Fd } from '../../../../harness/contract';
import type { Sys } from '../../../../harness/runtime';

/** poll(fd), named: `'EPOLLIN|EPOLLOUT'`. */
export async function readiness(sys: Sys, fd: Fd): Promise<string> {
  return formatEvents(await sys.poll(fd));
}
