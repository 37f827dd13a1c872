/**
 * A package-lock.json (version 2 or 3) as a graph: each entry of `packages` is a node at its
 * location (`""` is the root, `node_modules/a/node_modules/b` a nested copy), and each declared
 * dependency is an edge to the location Node would load it from.
 */

/** What an edge means to npm: its flags decide whether a package is dev, optional or peer only. */
export type EdgeType = 'prod' | 'dev' | 'optional' | 'peer' | 'peerOptional';

/** One entry of `packages`: the fields read here, and any others, kept as they are. */
export interface LockEntry {
  readonly version?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>;
  readonly dev?: boolean;
  readonly optional?: boolean;
  readonly devOptional?: boolean;
  readonly peer?: boolean;
  readonly [field: string]: unknown;
}

/** The whole file. */
export interface Lockfile {
  readonly name: string;
  readonly version: string;
  readonly lockfileVersion: number;
  readonly requires?: boolean;
  readonly packages: Readonly<Record<string, LockEntry>>;
}

/** A dependency as declared: its name and how it is depended on. */
export interface Edge {
  readonly name: string;
  readonly type: EdgeType;
}

/** The dependencies an entry declares. Only the root's devDependencies count: a package's own are never installed. */
export function edgesOf(location: string, entry: LockEntry): Edge[] {
  const named = (deps: Readonly<Record<string, unknown>> | undefined, type: (name: string) => EdgeType): Edge[] =>
    Object.keys(deps ?? {}).map((name) => ({ name, type: type(name) }));
  const optionalDeps = entry.optionalDependencies ?? {};
  return [
    // A name in both lists is optional, as in package.json.
    ...named(entry.dependencies, () => 'prod').filter((edge) => !(edge.name in optionalDeps)),
    ...named(optionalDeps, () => 'optional'),
    ...(location === '' ? named(entry.devDependencies, () => 'dev') : []),
    ...named(entry.peerDependencies, (name) => (entry.peerDependenciesMeta?.[name]?.optional ? 'peerOptional' : 'peer')),
  ];
}

/**
 * Where the package `name` that the entry at `location` depends on is installed: in the entry's
 * own node_modules, else in its parent's, and so on up to the root's. Undefined when nowhere.
 */
export function resolveEdge(packages: Readonly<Record<string, unknown>>, location: string, name: string): string | undefined {
  for (let from: string | undefined = location; from !== undefined; from = parentOf(from)) {
    const candidate = `${from === '' ? '' : `${from}/`}node_modules/${name}`;
    if (candidate in packages) return candidate;
  }
  return undefined;
}

/** `node_modules/a/node_modules/@s/b` → `node_modules/a`; `node_modules/a` → `""`; the root has none. */
function parentOf(location: string): string | undefined {
  if (location === '') return undefined;
  const at = location.lastIndexOf('node_modules/');
  return at <= 0 ? '' : location.slice(0, at - 1);
}
