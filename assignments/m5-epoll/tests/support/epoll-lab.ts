/**
 * The moves of an epoll test: read what an epoll instance reports now, by name, so that a
 * mismatch reads as `fd 4: EPOLLIN|EPOLLOUT` rather than as numbers.
 */
import { formatEvents, type EpollEvent, type Fd } from '../../../../harness/contract';
import type { Sys } from '../../../../harness/runtime';

/** Each event as `fd 4: EPOLLIN`, in the order reported. */
export function named(events: readonly EpollEvent[]): string[] {
  return events.map((event) => `fd ${event.fd}: ${formatEvents(event.events)}`);
}

/** What `ep` reports without waiting, at most `max` events, by name and in fd order (epoll promises no order). */
export async function readyNow(sys: Sys, ep: Fd, max = 64): Promise<string[]> {
  const events = await sys.epollWait(ep, max, 0);
  return named([...events].sort((a, b) => a.fd - b.fd));
}

/** The fds `ep` reports without waiting, at most `max`, in the order reported. */
export async function reportedFds(sys: Sys, ep: Fd, max: number): Promise<Fd[]> {
  return (await sys.epollWait(ep, max, 0)).map((event) => event.fd);
}

/** A new epoll instance with each of `fds` registered for `events`. */
export async function watching(sys: Sys, fds: readonly Fd[], events: number): Promise<Fd> {
  const ep = await sys.epollCreate();
  for (const fd of fds) await sys.epollCtl(ep, 'add', fd, events);
  return ep;
}
