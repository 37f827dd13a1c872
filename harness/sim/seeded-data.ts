/** Test data: seeded bytes, and their digest to compare what arrived with what was sent. */
import { createHash } from 'node:crypto';
import { Rng } from './rng';

/**
 * `length` bytes drawn from `seed` under `label` (each use its own label, so that one draw more
 * elsewhere changes nothing here). Four bytes per draw: bulk transfers take megabytes.
 */
export function seededBytes(seed: number, label: string, length: number): Uint8Array {
  const rng = new Rng(seed).fork(label);
  const bytes = new Uint8Array(length);
  const words = new DataView(bytes.buffer);
  let i = 0;
  for (; i + 4 <= length; i += 4) words.setUint32(i, rng.int(0, 0xffffffff));
  for (; i < length; i++) bytes[i] = rng.int(0, 255);
  return bytes;
}

/** sha256 in hex. */
export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
