/**
 * errno's name for a number, from libc's own table (through koffi), so that a script's
 * `-1 ECONNREFUSED` is compared with the name Linux's number really has.
 */
import { errnoTable } from './libc';

/** Where two names share a number, the one POSIX programs (and scripts) use. */
const PREFERRED = ['EAGAIN', 'EOPNOTSUPP', 'EDEADLK'];

const NAMES: ReadonlyMap<number, string> = (() => {
  const names = new Map<number, string>();
  for (const [name, value] of Object.entries(errnoTable())) {
    if (!names.has(value) || PREFERRED.includes(name)) names.set(value, name);
  }
  return names;
})();

/** `ECONNREFUSED` for 111; `errno 200` for a number libc has no name for. */
export function errnoName(n: number): string {
  return NAMES.get(n) ?? `errno ${n}`;
}
