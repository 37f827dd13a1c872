/**
 * The reference is layered: no file under reference/ (its tests aside) imports, directly or through
 * others, a file that imports it back, not even for a type. Files in a circle of imports can only
 * be read, changed and handed to students together, and at run time one of them runs before the
 * other has loaded. A failure names each circle as the path of its imports.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';

const REFERENCE_DIR = path.resolve(__dirname, '..');

/** The imports among the .ts files under `root` (its tests/ folders aside), by path relative to `root`. */
function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const name = path.relative(root, file).split(path.sep).join('/');
    if (!entry.isFile() || !name.endsWith('.ts') || name.split('/').includes('tests')) continue;
    const imported = importedModules(file).flatMap((specifier) => resolveLocal(root, path.dirname(file), specifier));
    graph.set(name, [...new Set(imported)]);
  }
  return graph;
}

/** The relative module specifiers of `file`'s import and export-from declarations, type-only ones included. */
function importedModules(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  return source.statements.flatMap((statement) => {
    const specifier = ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) ? statement.moduleSpecifier : undefined;
    return specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith('.') ? [specifier.text] : [];
  });
}

/** The file under `root` that `specifier`, imported from `dir`, names (a module file or a folder's index), if any. */
function resolveLocal(root: string, dir: string, specifier: string): string[] {
  const target = path.resolve(dir, specifier);
  const file = [`${target}.ts`, path.join(target, 'index.ts')].find((candidate) => fs.existsSync(candidate));
  const name = file && path.relative(root, file);
  return name && !name.startsWith('..') ? [name.split(path.sep).join('/')] : [];
}

/**
 * Every circle of imports in `graph`, each as the path `a.ts → b.ts → a.ts`: for each file that is
 * in one, a shortest circle through it (so every file of a tangle is named), each circle once.
 */
function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const cycles = new Map<string, string>();
  for (const start of [...graph.keys()].sort()) {
    const cycle = shortestCycle(graph, start);
    if (!cycle) continue;
    // A circle read from any of its files is the same circle: key it by its smallest rotation.
    const smallest = cycle.indexOf([...cycle].sort()[0]!);
    const rotated = [...cycle.slice(smallest), ...cycle.slice(0, smallest)];
    cycles.set(rotated.join(' → '), [...rotated, rotated[0]].join(' → '));
  }
  return [...cycles.values()];
}

/** The files of a shortest path of imports from `start` back to itself (`start` first), if there is one. */
function shortestCycle(graph: ReadonlyMap<string, readonly string[]>, start: string): string[] | undefined {
  const cameFrom = new Map<string, string>();
  let frontier = [start];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const file of frontier) {
      for (const imported of graph.get(file) ?? []) {
        if (imported === start) return pathTo(cameFrom, file, start);
        if (cameFrom.has(imported)) continue;
        cameFrom.set(imported, file);
        next.push(imported);
      }
    }
    frontier = next;
  }
  return undefined;
}

/** The path from `start` to `file` that `cameFrom` recorded, `start` first. */
function pathTo(cameFrom: ReadonlyMap<string, string>, file: string, start: string): string[] {
  const files = [file];
  for (let at = file; at !== start; ) {
    at = cameFrom.get(at)!;
    files.unshift(at);
  }
  return files;
}

describe('the layering of reference/', () => {
  it('finds the circles that type-only imports and re-exports close, and names each as a path', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'socklab-layering-'));
    try {
      fs.mkdirSync(path.join(dir, 'tests'));
      const files = {
        'a.ts': "import type { B } from './b';\nexport type A = B;\n",
        'b.ts': "import {\n  type C,\n} from './c';\nexport type B = C;\n",
        'c.ts': "export type { A as C } from './a';\nimport { D } from './d';\nexport const c = D;\n",
        'd.ts': "export const D = 1;\nexport type { A } from './a';\n",
        'e.ts': "import { D } from './d';\nexport const E = D;\n",
        'tests/e.test.ts': "import { E } from '../e';\nexport { E };\n",
      };
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
      expect(importCycles(importGraph(dir))).toEqual(['a.ts → b.ts → c.ts → a.ts', 'a.ts → b.ts → c.ts → d.ts → a.ts']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has no circle of imports, counting type-only imports', () => {
    expect(importCycles(importGraph(REFERENCE_DIR))).toEqual([]);
  });
});
