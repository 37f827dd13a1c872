/**
 * Does a syscall's result match its line? The return value or errno first; then, for a call that
 * succeeded, the out-values the line gives (getsockopt's value, poll's revents, epoll_wait's
 * events, accept's peer and recvfrom's sender, the tcp_info fields an assertion names).
 */
import { errnoName } from '../../contract';
import type { OutExpectation, SyscallEvent } from '../language/ast';
import type { SyscallOut, SyscallResult } from '../backend';
import { POLL_BITS } from '../language/names';
import { brokenConditions, describeCondition, fieldsOf, type TcpiCondition, type TcpiValues } from '../language/tcpi';
import { describeMask } from './bit-mask';
import { epollEventsDifference } from './epoll-events';
import { withUnit } from './return-units';

/** A result as a script line would write it: `3`, `-1 ECONNREFUSED`. */
export function describeResult(result: SyscallResult): string {
  return result.ok ? String(result.ret) : `-1 ${result.errno}`;
}

/** The line's expected return as it would write it. */
export function describeExpected(event: SyscallEvent): string {
  return 'errno' in event.expect ? `-1 ${event.expect.errno}` : String(event.expect.ret);
}

/** The differences between `result` and `event`; empty when it matches. */
export function checkSyscall(event: SyscallEvent, result: SyscallResult): string[] {
  const expected = describeExpected(event);
  const actual = describeResult(result);
  if (actual !== expected) return [`${event.name} returned ${withUnit(event.name, actual)}, expected ${withUnit(event.name, expected)}`];
  return result.ok ? checkOut(event.out, result.out ?? {}) : [];
}

function checkOut(expected: OutExpectation, actual: SyscallOut): string[] {
  const differences: string[] = [];
  if (expected.optval !== undefined && actual.optval !== expected.optval) {
    differences.push(`the option's value is ${optionValue(actual.optval)}, expected ${optionValue(expected.optval)}`);
  }
  expected.revents?.forEach((want, i) => {
    const got = actual.revents?.[i];
    if (want !== undefined && got !== want) differences.push(`revents of entry ${i} is ${describeMask(got, POLL_BITS)}, expected ${describeMask(want, POLL_BITS)}`);
  });
  const events = expected.events && epollEventsDifference(expected.events, actual.events ?? []);
  if (events) differences.push(events);
  if (expected.tcpi !== undefined) differences.push(...(actual.tcpi ? brokenConditions(expected.tcpi, actual.tcpi) : ['no tcp_info came back']));
  const address = actual.address;
  for (const field of ['address', 'port'] as const) {
    const want = expected.address?.[field];
    if (want !== undefined && address?.[field] !== want) {
      differences.push(`the ${field} written back is ${address ? address[field] : 'none'}, expected ${want}`);
    }
  }
  return differences;
}

/** An assertion as its line wrote it, and the values of the fields it names (`tcpi_snd_cwnd 10`). */
export function describeAssertion(condition: TcpiCondition, values: TcpiValues | undefined): { expected: string; read: string } {
  return {
    expected: describeCondition(condition),
    read: fieldsOf(condition).map((field) => `${field} ${values?.[field] ?? 'missing'}`).join(', '),
  };
}

function optionValue(value: number | string | undefined): string {
  if (typeof value !== 'number') return JSON.stringify(value);
  const name = errnoName(value);
  return name && value !== 0 ? `${value} (${name})` : String(value);
}
