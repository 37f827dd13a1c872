/**
 * What a kernel's epollWait may return, checked before a program sees it: an array of at most
 * maxevents events, each with an fd (a non-negative integer) reported once and a nonzero mask. A
 * stack that breaks this fails the call that got it, with what it returned, rather than a test
 * later with a TypeError far from the cause.
 */
import type { EpollEvent } from '../contract';
import { KernelCrash } from '../port';

/** How much of a bad reply the message shows. */
const SHOWN_EVENTS = 3;

function isEvent(value: unknown): value is EpollEvent {
  if (typeof value !== 'object' || value === null) return false;
  const { fd, events } = value as Record<string, unknown>;
  return Number.isSafeInteger(fd) && (fd as number) >= 0 && Number.isSafeInteger(events) && events !== 0;
}

function show(value: unknown): string {
  if (!Array.isArray(value)) return typeof value === 'object' ? JSON.stringify(value) : String(value);
  const shown = value.slice(0, SHOWN_EVENTS).map((item) => JSON.stringify(item) ?? String(item));
  return `[${shown.join(', ')}${value.length > SHOWN_EVENTS ? `, … ${value.length} in all` : ''}]`;
}

/** What is wrong with `reply` as the answer to an epollWait of at most `max` events; undefined when nothing. */
function fault(reply: unknown, max: number): string | undefined {
  if (!Array.isArray(reply)) return 'epollWait must return an array of events';
  if (reply.length > max) return `${reply.length} events, more than maxevents (${max})`;
  const bad = reply.findIndex((item) => !isEvent(item));
  if (bad >= 0) return `event ${bad} is ${JSON.stringify(reply[bad]) ?? String(reply[bad])}: each event is { fd, events }, fd a non-negative integer and events a nonzero mask`;
  const fds = (reply as EpollEvent[]).map((event) => event.fd);
  const twice = fds.find((fd, i) => fds.indexOf(fd) !== i);
  if (twice !== undefined) return `fd ${twice} is reported twice: one epoll_wait reports each registered fd at most once`;
  return undefined;
}

/** `reply` as epoll events, or a KernelCrash naming `call` and what is wrong with the reply. */
export function checkedEpollEvents(reply: unknown, max: number, call: string): EpollEvent[] {
  const wrong = fault(reply, max);
  if (wrong !== undefined) throw new KernelCrash(`${call} returned ${show(reply)}: ${wrong}`);
  return reply as EpollEvent[];
}
