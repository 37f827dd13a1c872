/**
 * A disk cache of what child-sources.ts ships, shared by every test file and jest worker of a
 * machine: each test file has its own module registry, and without the cache each one would load
 * the compiler and transpile the same files again (about two seconds per file).
 *
 * Entries are named by a hash of everything the output depends on, so a stale entry is never
 * read. The cache lives in the repository's node_modules/.cache (as other tools' caches do), not in
 * a shared temporary folder where another user could plant entries.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ShippedSource } from './child-protocol';

const CACHE_DIR = path.resolve(__dirname, '..', '..', 'node_modules', '.cache', 'socklab-kernel-js');

/** The name of an entry: a hash of every input of the transpilation. */
export function cacheKey(...inputs: readonly string[]): string {
  const hash = createHash('sha256');
  for (const input of inputs) hash.update(`${input.length}:${input}`);
  return hash.digest('hex');
}

/** The entry named `key`, if it was written (and is intact). */
export function readCached(key: string): ShippedSource | undefined {
  try {
    const entry: unknown = JSON.parse(fs.readFileSync(path.join(CACHE_DIR, `${key}.json`), 'utf8'));
    if (typeof entry !== 'object' || entry === null) return undefined;
    if ('js' in entry && typeof entry.js === 'string') return { js: entry.js };
    if ('error' in entry && typeof entry.error === 'string') return { error: entry.error };
  } catch {
    // Missing or unreadable: transpile again.
  }
  return undefined;
}

/** Write the entry `key`; a cache that cannot be written only costs time. */
export function writeCached(key: string, source: ShippedSource): void {
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    // Written aside and renamed, so that a concurrent reader never sees half an entry.
    const aside = path.join(CACHE_DIR, `${key}.${process.pid}.tmp`);
    fs.writeFileSync(aside, JSON.stringify(source));
    fs.renameSync(aside, path.join(CACHE_DIR, `${key}.json`));
  } catch {
    // A read-only checkout: every process transpiles for itself.
  }
}
