/**
 * epoll lines as packetdrill writes them: the event's data given as fd=, ptr=, u32= or u64=, and
 * epoll_wait's event as a mere placeholder where the call returns no event.
 */
import { EPOLLIN, EPOLLOUT } from '../../../contract';
import type { SyscallEvent } from '../../language/ast';
import { ScriptSyntaxError } from '../../language/errors';
import { parseScript } from '../../language/parser';

function syscall(line: string): SyscallEvent {
  const event = parseScript(`0 ${line}`).events[0]!;
  if (event.kind !== 'syscall') throw new Error(`not a syscall: ${line}`);
  return event;
}

/** The reason and column of the error `line` raises. */
function syntaxError(line: string): { reason: string; column: number } {
  try {
    parseScript(`0 ${line}`);
  } catch (error) {
    if (error instanceof ScriptSyntaxError) return { reason: error.reason, column: error.position.column };
    throw error;
  }
  throw new Error(`parsed without error: ${line}`);
}

const U64_MAX = 0xffffffffffffffffn;

describe("epoll_ctl's event data", () => {
  it.each([
    ['{events=EPOLLIN, u64=0x123456789abcdef0}', 0x123456789abcdef0n],
    ['{events=EPOLLIN, u64=18446744073709551615}', U64_MAX],
    ['{events=EPOLLIN, ptr=0xffffffffffffffff}', U64_MAX],
    ['{events=EPOLLIN, ptr=0}', 0n],
    ['{events=EPOLLIN, u32=4294967295}', 0xffffffffn],
    ['{events=EPOLLIN, u32=0x10}', 16n],
    ['{events=EPOLLIN, fd=3}', 3n],
    // No data: the event holds the fd registered.
    ['{events=EPOLLIN}', 3n],
    ['{events=0, u64=7}', 7n],
  ])('%s holds %s', (event, data) => {
    expect(syscall(`epoll_ctl(4, EPOLL_CTL_ADD, 3, ${event}) = 0`).request).toMatchObject({ name: 'epoll_ctl', target: 3, data });
  });

  it('EPOLL_CTL_DEL may give no event at all', () => {
    expect(syscall('epoll_ctl(4, EPOLL_CTL_DEL, 3, ...) = 0').request).toEqual({ name: 'epoll_ctl', fd: 4, op: 'del', target: 3, events: 0, data: 3n });
  });

  it.each([
    ['epoll_ctl(4, EPOLL_CTL_ADD, 3, {events=EPOLLIN, fd=3, ptr=0x10})', 'the event gives ptr= and fd=: its data is a union, it holds one of ptr, fd, u32, u64', 34],
    ['epoll_ctl(4, EPOLL_CTL_ADD, 3, {events=EPOLLIN, u32=1, u64=2})', 'the event gives u32= and u64=: its data is a union', 34],
    ['epoll_ctl(4, EPOLL_CTL_ADD, 3, {events=EPOLLIN, u32=0x100000000})', 'u32 0x100000000 is out of range: 0 to 4294967295', 55],
    ['epoll_ctl(4, EPOLL_CTL_ADD, 3, {events=EPOLLIN, u64=0x10000000000000000})', 'u64 0x10000000000000000 is out of range: 0 to 18446744073709551615', 55],
    ['epoll_ctl(4, EPOLL_CTL_ADD, 3, {events=EPOLLIN, ptr=-1})', 'ptr -1 is out of range', 55],
    ['epoll_ctl(4, EPOLL_CTL_ADD, 3, {events=EPOLLIN, ptr=p})', 'ptr must be a number, not p', 55],
    ['epoll_ctl(4, EPOLL_CTL_ADD, 3, {events=EPOLLIN, data=1})', 'the event has no field data; it has events, ptr, fd, u32, u64', 51],
    ['epoll_ctl(4, EPOLL_CTL_ADD, 3, {ptr=1})', 'the event needs events=...', 34],
    // packetdrill refuses it too: it writes the fd registered there itself.
    ['epoll_ctl(4, EPOLL_CTL_ADD, 3, {events=EPOLLIN, fd=6})', "the event's fd must be 3, the fd registered", 34],
  ])('%s fails: %s', (line, reason, column) => {
    expect(syntaxError(`${line} = 0`)).toEqual({ reason: expect.stringContaining(reason), column });
  });
});

describe("epoll_wait's expected events", () => {
  it('reads each member with its spelling, in one event or a list', () => {
    expect(syscall('epoll_wait(4, {events=EPOLLIN, ptr=0x10}, 1, 0) = 1').out).toEqual({ events: [{ events: EPOLLIN, data: { member: 'ptr', value: 16n, hex: true } }] });
    expect(syscall('epoll_wait(4, [{events=EPOLLIN, u64=18446744073709551615}, {events=EPOLLOUT, u32=0xA}], 2, 0) = 2').out).toEqual({
      events: [
        { events: EPOLLIN, data: { member: 'u64', value: U64_MAX, hex: false } },
        { events: EPOLLOUT, data: { member: 'u32', value: 10n, hex: true } },
      ],
    });
  });

  it.each([
    'epoll_wait(4, {events=0, ptr=0}, 1, 0) = 0',
    'epoll_wait(4, [], 1, 0) = 0',
    'epoll_wait(4, {events=EPOLLIN, fd=3}, 1, 0) = 0',
    'epoll_wait(4, [{events=0, u64=0}, {events=0, u32=0}], 2, 0) = 0',
    'epoll_wait(7, {events=0, ptr=0}, 1, 0) = -1 EBADF (Bad file descriptor)',
    'epoll_wait(4, ..., 1, 0) = 1',
  ])('%s checks no event', (line) => {
    expect(syscall(line).out).toEqual({});
  });

  it.each([
    ['epoll_wait(4, {events=EPOLLIN, fd=3}, 2, 0) = 2', 'the line returns 2 events, so it must list 2 events, not 1', 17],
    ['epoll_wait(4, [{events=EPOLLIN, fd=3}, {events=EPOLLOUT, fd=5}], 2, 0) = 1', 'the line returns 1 event, so it must list 1 event, not 2', 17],
    ['epoll_wait(4, [], 1, 0) = 1', 'the line returns 1 event, so it must list 1 event, not 0', 17],
    ['epoll_wait(4, {events=EPOLLIN}, 1, 0) = 1', 'an expected event needs its data: ptr=, fd=, u32=, u64=', 17],
    // A placeholder is still an epoll_event, as packetdrill reads it.
    ['epoll_wait(4, {events=0}, 1, 0) = 0', 'an expected event needs its data', 17],
    ['epoll_wait(4, {events=0, ptr=0, u64=0}, 1, 0) = 0', 'an event gives ptr= and u64=', 17],
  ])('%s fails: %s', (line, reason, column) => {
    expect(syntaxError(line)).toEqual({ reason: expect.stringContaining(reason), column });
  });
});

describe('whole numbers wider than a double holds', () => {
  it('are exact where a 64-bit value is read, and out of range elsewhere', () => {
    expect(syscall('epoll_ctl(4, EPOLL_CTL_ADD, 3, {events=EPOLLIN, u64=9007199254740993}) = 0').request).toMatchObject({ data: 9007199254740993n });
    expect(syntaxError('close(99999999999999999999) = 0').reason).toBe('the fd 99999999999999999999 is out of range: 0 to 65535');
    expect(syntaxError('close(3) = 99999999999999999999').reason).toBe('the return value 99999999999999999999 is out of range: -1 to 9007199254740991');
  });
});
