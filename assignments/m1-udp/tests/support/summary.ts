/**
 * Datagrams as one short line each, for comparing long or random payloads: a mismatch then reads
 * as "1472 bytes #3f2a9c01 from 10.0.0.2:5000" against what was expected, rather than as a diff of
 * every byte.
 */
import type { RecvFromResult } from '../../../../harness/contract';

/** The length and an FNV-1a fingerprint of `data`: different payloads read differently. */
export function fingerprint(data: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (const byte of data) hash = Math.imul(hash ^ byte, 0x01000193);
  return `${data.length} bytes #${(hash >>> 0).toString(16).padStart(8, '0')}`;
}

/** A received datagram as one line: fingerprint, sender, and whether it was cut. */
export function summary(result: RecvFromResult): string {
  return `${fingerprint(result.data)} from ${result.from.address}:${result.from.port}${result.truncated ? ', truncated' : ''}`;
}
