/**
 * struct epoll_event as packetdrill writes it, `{events=EPOLLIN|EPOLLET, ptr=0x10}`: events (a
 * mask; 0 too) and one member of the data union (epoll-data.ts). epoll_ctl's event may leave the
 * data out; each event epoll_wait is expected to return names it.
 */
import { readBigInt, readFd, readFlags, readStruct } from './arg-readers';
import type { ReturnExpectation } from './ast';
import { EPOLL_DATA_BITS, type EpollData, type EpollDataMember } from './epoll-data';
import { ScriptSyntaxError } from './errors';
import type { Expr } from './expr';
import { EPOLL_BITS } from './names';

/** An epoll_event a script expects epoll_wait to return. */
export interface ExpectedEpollEvent {
  readonly events: number;
  readonly data: EpollData;
}

const MEMBERS = Object.keys(EPOLL_DATA_BITS) as EpollDataMember[];

/** `{events=..., fd|ptr|u32|u64=...}`: its events, and its data where it gives one. */
export function readEpollEvent(e: Expr, what: string): { readonly events: number; readonly data?: EpollData } {
  const fields = readStruct(e, what, ['events', ...MEMBERS]);
  const events = fields.get('events');
  if (!events) throw new ScriptSyntaxError(`${what} needs events=...`, e);
  const given = MEMBERS.filter((member) => fields.has(member));
  if (given.length > 1) {
    const names = given.map((member) => `${member}=`).join(' and ');
    throw new ScriptSyntaxError(`${what} gives ${names}: its data is a union, it holds one of ${MEMBERS.join(', ')}`, e);
  }
  const member = given[0];
  return { events: readFlags(events, EPOLL_BITS, 'events'), ...(member ? { data: readData(member, fields.get(member)!) } : {}) };
}

function readData(member: EpollDataMember, e: Expr): EpollData {
  const value = member === 'fd' ? BigInt(readFd(e)) : readBigInt(e, member, 0n, (1n << BigInt(EPOLL_DATA_BITS[member])) - 1n);
  return { member, value, hex: e.kind === 'number' && /^0x/i.test(e.text) };
}

/** epoll_wait's events argument: one event or a list of them, each with its data; `...` (undefined) checks none. */
export function readEventList(e: Expr): ExpectedEpollEvent[] | undefined {
  if (e.kind === 'ellipsis') return undefined;
  return (e.kind === 'list' ? e.items : [e]).map((item) => {
    const { events, data } = readEpollEvent(item, 'an event');
    if (!data) throw new ScriptSyntaxError(`an expected event needs its data: ${MEMBERS.map((member) => `${member}=`).join(', ')}`, item);
    return { events, data };
  });
}

/**
 * The events epoll_wait must return, given what the line returns. A call that returns no event
 * (0, or -1 and an errno) writes nothing back: its argument only fills the place, as packetdrill
 * needs it to (`epoll_wait(4, {events=0, ptr=0}, 1, 0) = 0`). Otherwise there is one per event.
 */
export function expectedEvents(listed: readonly ExpectedEpollEvent[] | undefined, expect: ReturnExpectation, at: Expr): readonly ExpectedEpollEvent[] | undefined {
  if (listed === undefined || expect.ret <= 0) return undefined;
  if (listed.length !== expect.ret) {
    const returned = `${expect.ret} ${expect.ret === 1 ? 'event' : 'events'}`;
    throw new ScriptSyntaxError(`the line returns ${returned}, so it must list ${returned}, not ${listed.length}`, at);
  }
  return listed;
}
