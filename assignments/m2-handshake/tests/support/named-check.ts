/**
 * A check whose failure names what it checked: jest's `expect(x).toBe(y)` would start the
 * summary with "expect(received).toBe(expected)", which says nothing of what broke.
 */

/** Fail unless `actual` is `expected` (compared as JSON, so arrays and plain values both work). */
export function expectNamed<T>(what: string, actual: T, expected: T): void {
  const [got, wanted] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (got !== wanted) throw new Error(`${what} is ${got}, expected ${wanted}`);
}
