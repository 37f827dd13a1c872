/**
 * Sequence-number arithmetic (RFC 9293 §3.4).
 *
 * TCP numbers every byte with a 32-bit sequence number that wraps around: after 4294967295
 * comes 0. So "a comes before b" cannot be `a < b`: with a = 4294967290 and b = 5, b is 11 bytes
 * *after* a. The rule every TCP uses is to look at the distance from one number to the other,
 * modulo 2^32, as a signed 32-bit value: if going forward from a to b is shorter than going
 * backward, a is before b. That works as long as the two numbers are less than 2^31 apart,
 * which the windows guarantee (a window is at most 2^30 bytes, even with window scaling).
 *
 * JavaScript numbers are doubles, so every result is brought back to an unsigned 32-bit
 * integer with `>>> 0`, and a signed distance is taken with `| 0`.
 *
 * Always compare sequence numbers with these functions, never with `<` or `===` after adding.
 */

/** `seq + n`, wrapped to 32 bits: the sequence number `n` bytes after `seq` (n may be negative). */
export function seqAdd(seq: number, n: number): number {
  // @solution m2 begin: add to a sequence number modulo 2^32
  return (seq + n) >>> 0;
  // @solution end
}

/**
 * `a − b` in sequence space: how many bytes `a` is ahead of `b`, as a signed 32-bit number
 * (negative when `a` comes before `b`). `seqDiff(sndNxt, sndUna)` is the number of sequence
 * numbers sent and not yet acknowledged.
 */
export function seqDiff(a: number, b: number): number {
  // @solution m2 begin: the signed distance between two sequence numbers modulo 2^32
  return (a - b) | 0;
  // @solution end
}

/** `a < b` in sequence space: `a` comes before `b`. */
export function seqLt(a: number, b: number): boolean {
  // @solution m2 begin: compare sequence numbers modulo 2^32 (a < b)
  return seqDiff(a, b) < 0;
  // @solution end
}

/** `a ≤ b` in sequence space. */
export function seqLeq(a: number, b: number): boolean {
  // @solution m2 begin: compare sequence numbers modulo 2^32 (a <= b)
  return seqDiff(a, b) <= 0;
  // @solution end
}

/** `a > b` in sequence space: `a` comes after `b`. */
export function seqGt(a: number, b: number): boolean {
  // @solution m2 begin: compare sequence numbers modulo 2^32 (a > b)
  return seqDiff(a, b) > 0;
  // @solution end
}

/**
 * `low ≤ x ≤ high` in sequence space: walking forward from `low`, `x` comes no later than `high`.
 * (Unlike two comparisons, this also works for ranges longer than 2^31, such as a whole window.)
 */
export function seqBetween(low: number, x: number, high: number): boolean {
  // @solution m2 begin: test whether a sequence number lies in a range modulo 2^32
  return (x - low) >>> 0 <= (high - low) >>> 0;
  // @solution end
}
