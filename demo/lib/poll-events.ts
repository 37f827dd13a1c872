/**
 * poll(2)'s names for readiness, for the demos' poll calls. The kernel contract reports readiness
 * in epoll's bits, and Linux gives poll's bits the same values (<bits/poll.h>), so a mask the
 * kernel returns is already a poll mask: only its names differ, and a poll call shown with epoll's
 * names would teach the wrong ones.
 */
import { EPOLLERR, EPOLLHUP, EPOLLIN, EPOLLOUT, EPOLLPRI, EPOLLRDHUP } from '../../harness/contract';

/** Readable: the one event the demos poll for. */
export const POLLIN = EPOLLIN;

const NAMES: ReadonlyArray<readonly [number, string]> = [
  [EPOLLIN, 'POLLIN'],
  [EPOLLPRI, 'POLLPRI'],
  [EPOLLOUT, 'POLLOUT'],
  [EPOLLERR, 'POLLERR'],
  [EPOLLHUP, 'POLLHUP'],
  [EPOLLRDHUP, 'POLLRDHUP'],
];

/** A poll mask as poll's names joined with `|` (`POLLIN|POLLOUT`); `'0'` when no bit is set. */
export function formatPollEvents(mask: number): string {
  const names = NAMES.filter(([bit]) => (mask & bit) !== 0).map(([, name]) => name);
  return names.length > 0 ? names.join('|') : '0';
}
