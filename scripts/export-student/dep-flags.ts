/**
 * The `dev`, `optional`, `devOptional` and `peer` flags of a lockfile's entries, computed as npm
 * computes them (arborist's calc-dep-flags): a flag stays set on a package only if every path to
 * it from the root goes through an edge of that kind. A pruned lockfile needs them recomputed: a
 * package that only a dropped dependency needed at run time may now be needed only by a dev tool.
 */
import { edgesOf, resolveEdge, type LockEntry } from './lock-graph';

/** In the order npm writes them. */
const FLAGS = ['dev', 'optional', 'devOptional', 'peer'] as const;
type Flag = (typeof FLAGS)[number];
/** The fields npm writes before the flags. */
const BEFORE_FLAGS: readonly string[] = ['name', 'version', 'resolved', 'integrity', 'link'];

/** `packages` with each entry's flags replaced by the computed ones, where npm writes them. */
export function withDepFlags(packages: Readonly<Record<string, LockEntry>>): Record<string, LockEntry> {
  const flags = computeFlags(packages);
  return Object.fromEntries(Object.entries(packages).map(([location, entry]) => [location, writeFlags(entry, flags.get(location) ?? new Set())]));
}

function computeFlags(packages: Readonly<Record<string, LockEntry>>): Map<string, Set<Flag>> {
  // Every flag starts set on every package but the root, and is cleared by any path not of its kind.
  const flags = new Map(Object.keys(packages).map((location) => [location, new Set<Flag>(location === '' ? [] : FLAGS)]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [location, entry] of Object.entries(packages)) {
      const from = flags.get(location) ?? new Set<Flag>();
      for (const edge of edgesOf(location, entry)) {
        const target = resolveEdge(packages, location, edge.name);
        const to = target === undefined ? undefined : flags.get(target);
        if (!to) continue;
        const dev = edge.type === 'dev';
        const optional = edge.type === 'optional' || edge.type === 'peerOptional';
        const peer = edge.type === 'peer' || edge.type === 'peerOptional';
        // devOptional marks being in either the dev or the optional tree: leaving both leaves each.
        const clearDevOptional = !from.has('devOptional') && !dev && !optional;
        const cleared: Flag[] = [];
        if (clearDevOptional) cleared.push('devOptional');
        if (clearDevOptional || (!from.has('dev') && !dev)) cleared.push('dev');
        if (clearDevOptional || (!from.has('optional') && !optional)) cleared.push('optional');
        if (!from.has('peer') && !peer) cleared.push('peer');
        for (const flag of cleared) if (to.delete(flag)) changed = true;
      }
    }
  }
  return flags;
}

/** npm writes devOptional only for a package in both the dev and the optional tree, and then neither of those two. */
function writeFlags(entry: LockEntry, set: ReadonlySet<Flag>): LockEntry {
  const written = set.has('dev') || set.has('optional') ? [...set].filter((flag) => flag !== 'devOptional') : [...set];
  const fields: [string, unknown][] = Object.entries(entry).filter(([field]) => !(FLAGS as readonly string[]).includes(field));
  const at = fields.findIndex(([field]) => !BEFORE_FLAGS.includes(field));
  const ordered = FLAGS.filter((flag) => written.includes(flag)).map((flag): [string, unknown] => [flag, true]);
  fields.splice(at === -1 ? fields.length : at, 0, ...ordered);
  return Object.fromEntries(fields) as LockEntry;
}
