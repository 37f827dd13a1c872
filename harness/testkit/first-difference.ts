/**
 * Where two values first differ, as a path from the checked value (`.truncated`, `[2].port`), so
 * that a failure's first line names the field that broke instead of the whole object. jest has
 * already decided that they differ; this only finds where, the way `toEqual` compares: fields
 * that are undefined count as absent, byte arrays compare by their bytes.
 */
import { isAsymmetric } from './show-value';

export interface Difference {
  /** From the checked value to the first place they differ; empty when they differ as a whole. */
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
  /** How many more places differ (at the same depth and below). */
  readonly more: number;
}

/** The first place `actual` differs from `expected`; undefined when they do not differ. */
export function firstDifference(actual: unknown, expected: unknown): Difference | undefined {
  const all = differences(actual, expected, '');
  const first = all[0];
  return first && { ...first, more: all.length - 1 };
}

function differences(actual: unknown, expected: unknown, path: string): Omit<Difference, 'more'>[] {
  if (Object.is(actual, expected)) return [];
  if (typeof expected === 'object' && expected !== null && isAsymmetric(expected)) return expected.asymmetricMatch(actual) ? [] : [{ path, expected, actual }];
  const whole = [{ path, expected, actual }];
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) return whole;
  if (ArrayBuffer.isView(actual) || ArrayBuffer.isView(expected)) return sameBytes(actual, expected) ? [] : whole;
  if (Array.isArray(actual) !== Array.isArray(expected)) return whole;
  if (Array.isArray(actual) && Array.isArray(expected)) {
    // A missing or extra item shifts every later one: the whole arrays say more than their first unequal items.
    if (actual.length !== expected.length) return whole;
    return actual.flatMap((item, i) => differences(item, expected[i], `${path}[${i}]`));
  }
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(e), ...Object.keys(a)])];
  return keys.flatMap((key) => differences(a[key], e[key], `${path}.${key}`));
}

function sameBytes(actual: object, expected: object): boolean {
  if (!ArrayBuffer.isView(actual) || !ArrayBuffer.isView(expected)) return false;
  const a = new Uint8Array(actual.buffer, actual.byteOffset, actual.byteLength);
  const e = new Uint8Array(expected.buffer, expected.byteOffset, expected.byteLength);
  return a.length === e.length && a.every((byte, i) => byte === e[i]);
}
