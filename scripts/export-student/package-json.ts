/**
 * The student repository's package.json: its commands (`npm test`, `npm run script` for one
 * packet script, `npm run demo` for the demos on the student's stack), and only the packages the
 * student's side uses, at socklab's own version ranges. No grader, no lint, no benchmarks.
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
 * and jest with ts-jest (`npm test`). The other commands (`npm run script`, `npm run demo`) run
 * TypeScript with the vendored harness/typescript/register.js, which needs only `typescript`.
 */
export const STUDENT_TOOLS: readonly string[] = ['typescript', '@types/node', '@types/jest', 'jest', 'ts-jest'];

/** socklab's own commands that a student repository keeps as they are: their CLIs are vendored. */
export const STUDENT_COMMANDS: readonly string[] = ['script', 'demo', 'interop'];

/**
 * The student's package.json, from socklab's `ours`: the packages the exported files import
 * (`imported`) and {@link STUDENT_TOOLS}, each where and at the range `ours` has it. Throws for an
 * imported package that `ours` does not list, and when `ours` lacks one of {@link STUDENT_COMMANDS}.
 */
export function studentPackageJson(ours: PackageJson, imported: ReadonlySet<string>): PackageJson {
  const wanted = new Set([...imported, ...STUDENT_TOOLS]);
  const unlisted = [...wanted].filter((name) => !ours.dependencies?.[name] && !ours.devDependencies?.[name]);
  if (unlisted.length > 0) throw new Error(`the export needs ${unlisted.join(', ')}, which socklab's package.json does not list`);
  const missing = STUDENT_COMMANDS.filter((name) => ours.scripts?.[name] === undefined);
  if (missing.length > 0) throw new Error(`socklab's package.json has no ${missing.map((name) => `\`${name}\``).join(', ')} command for the export to give students`);
  const commands = Object.fromEntries(STUDENT_COMMANDS.map((name) => [name, ours.scripts?.[name] ?? '']));
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
      ...commands,
    },
    ...(ours.overrides ? { overrides: ours.overrides } : {}),
    dependencies: pick(ours.dependencies),
    devDependencies: pick(ours.devDependencies),
  };
}
