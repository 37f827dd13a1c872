/**
 * epoll_wait's events against its line: any order, each expected event checking its data in the
 * bits of the member it names, and a difference shown in the script's own spelling.
 */
import { EPOLLIN, EPOLLOUT } from '../../../contract';
import type { SyscallEvent } from '../../language/ast';
import type { SyscallOut } from '../../backend';
import { parseScript } from '../../language/parser';
import { epollEventsDifference } from '../../runner/epoll-events';
import { checkSyscall } from '../../runner/syscall-check';

/** The differences checkSyscall finds between `line` and epoll_wait returning `events`. */
function check(line: string, events: NonNullable<SyscallOut['events']>): string[] {
  const event = parseScript(`0 ${line}`).events[0] as SyscallEvent;
  return checkSyscall(event, { ok: true, ret: events.length, out: { events } });
}

describe("checking epoll_wait's events", () => {
  it('takes them in any order', () => {
    const line = 'epoll_wait(4, [{events=EPOLLIN, u64=1}, {events=EPOLLOUT, ptr=0x2}], 2, 0) = 2';
    expect(check(line, [{ data: 2n, events: EPOLLOUT }, { data: 1n, events: EPOLLIN }])).toEqual([]);
  });

  it('checks fd= and u32= on the low 32 bits, ptr= and u64= on all 64', () => {
    const wide = 0x100000005n;
    expect(check('epoll_wait(4, {events=EPOLLIN, u32=5}, 1, 0) = 1', [{ data: wide, events: EPOLLIN }])).toEqual([]);
    expect(check('epoll_wait(4, {events=EPOLLIN, fd=5}, 1, 0) = 1', [{ data: wide, events: EPOLLIN }])).toEqual([]);
    expect(check('epoll_wait(4, {events=EPOLLIN, u64=5}, 1, 0) = 1', [{ data: wide, events: EPOLLIN }])).toEqual([
      'the events are [{events=EPOLLIN, u64=4294967301}], expected [{events=EPOLLIN, u64=5}]',
    ]);
    expect(check('epoll_wait(4, {events=EPOLLIN, ptr=0x5}, 1, 0) = 1', [{ data: wide, events: EPOLLIN }])).toEqual([
      'the events are [{events=EPOLLIN, ptr=0x100000005}], expected [{events=EPOLLIN, ptr=0x5}]',
    ]);
  });

  it('shows what came back in the member and base the line wrote', () => {
    expect(check('epoll_wait(4, {events=EPOLLIN, ptr=0x10}, 1, 0) = 1', [{ data: 0x20n, events: EPOLLIN }])).toEqual([
      'the events are [{events=EPOLLIN, ptr=0x20}], expected [{events=EPOLLIN, ptr=0x10}]',
    ]);
    expect(check('epoll_wait(4, {events=EPOLLIN, u32=16}, 1, 0) = 1', [{ data: 0x20n, events: EPOLLIN }])).toEqual([
      'the events are [{events=EPOLLIN, u32=32}], expected [{events=EPOLLIN, u32=16}]',
    ]);
  });

  it('checks the events as well as the data', () => {
    expect(check('epoll_wait(4, {events=EPOLLIN, u32=16}, 1, 0) = 1', [{ data: 16n, events: EPOLLIN | EPOLLOUT }])).toEqual([
      'the events are [{events=EPOLLIN|EPOLLOUT, u32=16}], expected [{events=EPOLLIN, u32=16}]',
    ]);
  });

  it('counts each event once', () => {
    const line = 'epoll_wait(4, [{events=EPOLLIN, u64=7}, {events=EPOLLIN, u64=7}, {events=EPOLLOUT, ptr=0x9}], 3, 0) = 3';
    expect(check(line, [{ data: 7n, events: EPOLLIN }, { data: 9n, events: EPOLLOUT }, { data: 7n, events: EPOLLIN }])).toEqual([]);
    expect(check(line, [{ data: 7n, events: EPOLLIN }, { data: 9n, events: EPOLLOUT }, { data: 9n, events: EPOLLOUT }])).toEqual([
      'the events are [{events=EPOLLIN, u64=7}, {events=EPOLLOUT, ptr=0x9}, {events=EPOLLOUT, u64=9}], expected [{events=EPOLLIN, u64=7}, {events=EPOLLIN, u64=7}, {events=EPOLLOUT, ptr=0x9}]',
    ]);
  });

  it('writes an event that is no expected one as the expected one left over', () => {
    const line = 'epoll_wait(4, [{events=EPOLLIN, u64=7}, {events=EPOLLOUT, ptr=0x9}], 2, 0) = 2';
    expect(check(line, [{ data: 8n, events: EPOLLOUT }, { data: 7n, events: EPOLLIN }])).toEqual([
      'the events are [{events=EPOLLOUT, ptr=0x8}, {events=EPOLLIN, u64=7}], expected [{events=EPOLLIN, u64=7}, {events=EPOLLOUT, ptr=0x9}]',
    ]);
  });

  it('finds an event missing or one too many, should a backend return another count than it says', () => {
    const expected = (parseScript('0 epoll_wait(4, [{events=EPOLLIN, u64=7}, {events=EPOLLIN, u64=8}], 2, 0) = 2').events[0] as SyscallEvent).out.events!;
    expect(epollEventsDifference(expected, [{ data: 7n, events: EPOLLIN }])).toBe('the events are [{events=EPOLLIN, u64=7}], expected [{events=EPOLLIN, u64=7}, {events=EPOLLIN, u64=8}]');
    expect(epollEventsDifference(expected.slice(0, 1), [{ data: 7n, events: EPOLLIN }, { data: 7n, events: EPOLLIN }])).toBe(
      'the events are [{events=EPOLLIN, u64=7}, {events=EPOLLIN, u64=7}], expected [{events=EPOLLIN, u64=7}]',
    );
  });

  it('gives an event that only 64 bits fit to the expected event that checks them, whatever the order', () => {
    // fd=3 fits both (low 32 bits 3); u64=0x100000003 only the first. Taken in order, fd=3 would take it.
    const line = 'epoll_wait(4, [{events=EPOLLIN, fd=3}, {events=EPOLLIN, u64=0x100000003}], 2, 0) = 2';
    expect(check(line, [{ data: 0x100000003n, events: EPOLLIN }, { data: 3n, events: EPOLLIN }])).toEqual([]);
  });
});
