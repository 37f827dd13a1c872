/**
 * The student repository's package-lock.json, derived from socklab's own: the same versions and
 * integrity hashes (the ones socklab is tested with), pruned to what the student's package.json
 * needs, with npm's dev/optional/peer flags recomputed. Deriving it needs no registry access,
 * and the export installs with `npm ci` from the npm registry alone.
 */
import { withDepFlags } from './dep-flags';
import { edgesOf, resolveEdge, type LockEntry, type Lockfile } from './lock-graph';

/**
 * The lockfile for a package whose root entry is `root`, taken from `ours`. Throws when `ours`
 * lacks a package that `root` needs, directly or not.
 */
export function pruneLockfile(ours: Lockfile, root: LockEntry & { readonly name: string; readonly version: string }): Lockfile {
  const available: Record<string, LockEntry> = { ...ours.packages, '': root };
  const kept: Record<string, LockEntry> = {};
  const missing: string[] = [];
  const pending = [''];
  for (let location = pending.pop(); location !== undefined; location = pending.pop()) {
    const entry = available[location];
    if (entry === undefined || location in kept) continue;
    kept[location] = entry;
    for (const edge of edgesOf(location, entry)) {
      // An optional peer is installed only if something else needs it.
      if (edge.type === 'peerOptional') continue;
      const target = resolveEdge(available, location, edge.name);
      if (target !== undefined) pending.push(target);
      else if (edge.type !== 'optional') missing.push(`${edge.name} (needed by ${location || 'the root'})`);
    }
  }
  if (missing.length > 0) throw new Error(`socklab's package-lock.json lacks ${missing.join(', ')}: run npm install`);
  const sorted = Object.fromEntries(Object.keys(kept).sort().map((location) => [location, kept[location] as LockEntry]));
  return { name: root.name, version: root.version, lockfileVersion: ours.lockfileVersion, requires: ours.requires, packages: withDepFlags(sorted) };
}
