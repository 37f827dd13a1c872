/**
 * The files a set of TypeScript files needs: the files they import, the files those import, and
 * so on, as far as a boundary. The public tests of a milestone need their support files, but
 * the harness they import is exported whole and is not followed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importSpecifiers, isRelative, resolveRelative } from './imports';

/** What {@link importClosure} reached, by `/`-separated path relative to the root. */
export interface Closure {
  /** The seeds and every file reached inside the boundary. */
  readonly inside: ReadonlySet<string>;
  /** Files imported from inside that lie outside the boundary (not followed). */
  readonly outside: ReadonlySet<string>;
}

/**
 * Follow the relative imports of `seeds` (files under `root`) through every file `within`
 * accepts. Throws when an import names no file, naming the importer.
 */
export function importClosure(root: string, seeds: Iterable<string>, within: (file: string) => boolean): Closure {
  const isFile = (file: string): boolean => fs.statSync(path.join(root, file), { throwIfNoEntry: false })?.isFile() ?? false;
  const inside = new Set<string>();
  const outside = new Set<string>();
  const pending = [...seeds];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (inside.has(file)) continue;
    inside.add(file);
    if (!file.endsWith('.ts')) continue;
    for (const specifier of importSpecifiers(fs.readFileSync(path.join(root, file), 'utf8')).filter(isRelative)) {
      const target = resolveRelative(file, specifier, isFile);
      if (target === undefined) throw new Error(`${file} imports '${specifier}', which names no file`);
      if (within(target)) pending.push(target);
      else outside.add(target);
    }
  }
  return { inside, outside };
}
