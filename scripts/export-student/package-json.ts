/**
 * The student repository's package.json: its commands (`npm test`, and `npm run script` for one
 * packet script), and only the packages the student's side uses, at socklab's own version ranges.
 * No grader, no lint, no benchmarks.
 */

/** The fields of a package.json read or written here. */
export interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly description?: string;
  readonly engines?: Readonly<Record<string, string>>;
  readonly scripts?: Readonly<Record<string, string>>;
  readonly overrides?: Readonly<Record<string, unknown>>;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

/**
 * What the student's commands run besides the imported packages: tsc with Node's and jest's types,
 * jest with ts-jest (`npm test`), and ts-node (`npm run script`).
 */
export const STUDENT_TOOLS: readonly string[] = ['typescript', '@types/node', '@types/jest', 'jest', 'ts-jest', 'ts-node'];

/**
 * The student's package.json, from socklab's `ours`: the packages the exported files import
 * (`imported`) and {@link STUDENT_TOOLS}, each where and at the range `ours` has it. Throws for an
 * imported package that `ours` does not list, and when `ours` has no `script` command.
 */
export function studentPackageJson(ours: PackageJson, imported: ReadonlySet<string>): PackageJson {
  const wanted = new Set([...imported, ...STUDENT_TOOLS]);
  const unlisted = [...wanted].filter((name) => !ours.dependencies?.[name] && !ours.devDependencies?.[name]);
  if (unlisted.length > 0) throw new Error(`the export needs ${unlisted.join(', ')}, which socklab's package.json does not list`);
  // socklab's own command: the CLI it runs is part of the vendored harness.
  const script = ours.scripts?.script;
  if (script === undefined) throw new Error("socklab's package.json has no `script` command for the export to give students");
  const pick = (deps: Readonly<Record<string, string>> | undefined): Record<string, string> =>
    Object.fromEntries(Object.entries(deps ?? {}).filter(([name]) => wanted.has(name)));
  return {
    name: 'socklab-student',
    // socklab's version: which framework the repository was exported from.
    version: ours.version,
    private: true,
    description: 'My socklab stack: the kernel side of sockets, a user-space TCP/IP stack in TypeScript.',
    ...(ours.engines ? { engines: ours.engines } : {}),
    scripts: {
      test: 'npm run typecheck && jest',
      typecheck: 'tsc --noEmit -p tsconfig.json',
      script,
    },
    ...(ours.overrides ? { overrides: ours.overrides } : {}),
    dependencies: pick(ours.dependencies),
    devDependencies: pick(ours.devDependencies),
  };
}
