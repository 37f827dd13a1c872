/**
 * Paths as a person reads them: a file inside a folder (the repository, the working directory, a
 * stack) by its path from there, one outside it some other way, as each caller decides.
 */
import * as path from 'node:path';

/**
 * `target`'s path relative to `base` when it is `base` or inside it; undefined when it is outside.
 * A relative `target` counts from the working directory, as `path.relative` takes it.
 */
export function pathInside(base: string, target: string): string | undefined {
  const relative = path.relative(base, target);
  return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative;
}
