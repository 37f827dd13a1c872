/**
 * What a TypeScript file imports, read the way the compiler reads it, and where a relative import
 * lands. Used to take exactly the support files the public tests need, to check that every import
 * of an exported file resolves inside the export, and to find the npm packages the export uses.
 */
import { isBuiltin } from 'node:module';
import * as path from 'node:path';
import * as ts from 'typescript';

/** Every module specifier `text` names: import and export declarations, `import()` and `require()`. */
export function importSpecifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}

/** True for `./x` and `../x`: a file of the repository rather than a package. */
export function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../');
}

/** What a relative specifier may leave out, in the order node16 resolution of CommonJS tries it. */
const SUFFIXES = ['', '.ts', '.js', '.json', '/index.ts', '/index.js'];

/**
 * The file a relative `specifier` in the file `from` names (both `/`-separated, relative to the
 * repository root), among the files `isFile` knows; undefined when it names none.
 */
export function resolveRelative(from: string, specifier: string, isFile: (file: string) => boolean): string | undefined {
  const base = path.posix.join(path.posix.dirname(from), specifier);
  return SUFFIXES.map((suffix) => base + suffix).find(isFile);
}

/** The npm package a specifier names (`pure-rand/distribution/x` → `pure-rand`); undefined for a relative path or Node's own module. */
export function packageOf(specifier: string): string | undefined {
  if (isRelative(specifier) || isBuiltin(specifier)) return undefined;
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}
