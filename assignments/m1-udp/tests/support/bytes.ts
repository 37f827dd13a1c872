/** Payloads for tests: text as bytes, and seeded pseudo-random bytes. */
import type { Rng } from '../../../../harness/sim/rng';

/** The UTF-8 bytes of `text`. */
export function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** `length` bytes drawn from `rng`, so that a payload is different for every seed and the same on a rerun. */
export function randomBytes(rng: Rng, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => rng.int(0, 255));
}
