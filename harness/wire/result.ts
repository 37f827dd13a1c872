/**
 * The result of decoding bytes that may be anything: a value, or a sentence saying why not.
 *
 * Decoders return this instead of throwing because the harness decodes what a student's stack
 * transmits, and a malformed packet is a finding to report, not a crash of the judge.
 */
export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** A successful decode. */
export function ok<T>(value: T): Decoded<T> {
  return { ok: true, value };
}

/** A failed decode, with a reason a student can act on ("TCP data offset 4 is below 5"). */
export function fail(reason: string): { readonly ok: false; readonly reason: string } {
  return { ok: false, reason };
}

/**
 * The value of a decode that is expected to succeed, for tests and for re-decoding packets the
 * harness built itself; throws with the reason otherwise.
 */
export function unwrap<T>(decoded: Decoded<T>): T {
  if (!decoded.ok) throw new Error(`decode failed: ${decoded.reason}`);
  return decoded.value;
}
