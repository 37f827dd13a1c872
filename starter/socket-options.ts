// Generated from reference/socket-options.ts by `npm run starter:build`. This file is yours now: edit it freely.

/**
 * setsockopt / getsockopt. Each kind of socket lists the options it supports in an
 * {@link OptionTable}: how to read each one and, unless it is read-only, how to change it.
 * An option a socket does not list is ENOPROTOOPT, as on Linux.
 */
import { SocketError, type SocketOption, type SocketOptions } from '../harness/contract';

/** How a socket reads and writes one option. Without `set`, the option is read-only (SO_ERROR). */
export interface OptionAccess<Value> {
  get(): Value;
  set?(value: Value): void;
}

/** The options one kind of socket supports. */
export type OptionTable = { readonly [Name in SocketOption]?: OptionAccess<SocketOptions[Name]> };

/**
 * Read option `name` from `table`.
 * @throws SocketError ENOPROTOOPT when the socket has no such option.
 */
export function getOption<Name extends SocketOption>(table: OptionTable, name: Name): SocketOptions[Name] {
  return accessOf(table, name).get();
}

/**
 * Set option `name` in `table`.
 * @throws SocketError ENOPROTOOPT when the socket has no such option or it is read-only
 *   (Linux answers the same for `setsockopt(SO_ERROR)`); EINVAL for a bad value.
 */
export function setOption<Name extends SocketOption>(table: OptionTable, name: Name, value: SocketOptions[Name]): void {
  const access = accessOf(table, name);
  if (!access.set) throw new SocketError('ENOPROTOOPT', `${name} is read-only`);
  access.set(value);
}

/**
 * A buffer size for SO_RCVBUF or SO_SNDBUF: a positive integer number of bytes.
 * (Linux doubles the value and clamps it; socklab keeps it exactly, so getsockopt returns what was set.)
 * @throws SocketError EINVAL otherwise.
 */
export function checkBufferSize(value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new SocketError('EINVAL', `buffer size must be a positive integer, not ${value}`);
  return value;
}

/**
 * An on/off option's value.
 * @throws SocketError EINVAL when it is not a boolean.
 */
export function checkFlag(value: boolean): boolean {
  if (typeof value !== 'boolean') throw new SocketError('EINVAL', `expected true or false, not ${String(value)}`);
  return value;
}

function accessOf<Name extends SocketOption>(table: OptionTable, name: Name): OptionAccess<SocketOptions[Name]> {
  // Object.hasOwn: a name from a program must not find inherited properties such as 'toString'.
  const access = Object.hasOwn(table, name) ? table[name] : undefined;
  if (!access) throw new SocketError('ENOPROTOOPT', `this socket has no option ${String(name)}`);
  return access;
}
