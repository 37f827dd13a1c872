/** Test data: seeded bytes, and their digest to compare what arrived with what was sent. */
import { createHash } from 'node:crypto';
import { Rng } from '../../sim/rng';

/** `length` bytes drawn from `seed` under `label`. */
export function seededBytes(seed: number, label: string, length: number): Uint8Array {
  const rng = new Rng(seed).fork(label);
  return Uint8Array.from({ length }, () => rng.int(0, 255));
}

/** sha256 in hex. */
export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
