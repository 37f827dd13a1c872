/**
 * Starter generation (DESIGN.md §5): `starter/` is `reference/` with every solution region
 * replaced by a stub that throws NotImplemented.
 *
 * A solution region is the whole body of a function or method, between two marker lines:
 *
 * ```ts
 * export function internetChecksum(data: Uint8Array, sum = 0): number {
 *   // @solution m1 begin: compute the Internet checksum (RFC 1071)
 *   ...the reference code...
 *   // @solution end
 * }
 * ```
 *
 * and becomes, in the starter:
 *
 * ```ts
 * export function internetChecksum(data: Uint8Array, sum = 0): number {
 *   // TODO(m1): compute the Internet checksum (RFC 1071)
 *   void data;
 *   void sum;
 *   throw new NotImplemented('m1', 'compute the Internet checksum (RFC 1071)');
 * }
 * ```
 *
 * The `void` lines mark the parameters as used: the repository compiles with noUnusedParameters.
 * Imports that only the solution code used are removed, and NotImplemented is imported.
 * What the generator cannot fix is a private member or a module-level helper that only solution
 * code uses: in the reference, make such a helper exported (and give it its own region).
 * Files under a `tests/` folder are not copied: they test the reference.
 */
import { fixImports } from './imports';
import { findRegions, type Region } from './regions';

/** Files by path relative to their tree's root (`/`-separated), e.g. `'checksum.ts'`. */
export type SourceTree = ReadonlyMap<string, string>;

/** Why the starter could not be generated: one `file:line: ...` line per problem. */
export class StarterError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`cannot generate the starter:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'StarterError';
  }
}

/**
 * The starter for a reference tree: every file except tests, TypeScript files with their
 * solution regions replaced by stubs and a header saying where they came from.
 *
 * @throws StarterError listing every marker problem of every file.
 */
export function generateStarter(reference: SourceTree): Map<string, string> {
  const starter = new Map<string, string>();
  const problems: string[] = [];
  for (const [path, text] of [...reference].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (isTest(path)) continue;
    if (!path.endsWith('.ts')) {
      starter.set(path, text);
      continue;
    }
    const normalized = text.replace(/\r\n/g, '\n');
    const scan = findRegions(path, normalized);
    if (scan.ok) starter.set(path, generateFile(path, normalized, scan.regions));
    else problems.push(...scan.problems);
  }
  if (problems.length > 0) throw new StarterError(problems);
  return starter;
}

/** The module a file at `path` imports the contract from (reference/ and starter/ sit next to harness/). */
export function contractModule(path: string): string {
  const depth = path.split('/').length - 1;
  return `${'../'.repeat(depth + 1)}harness/contract`;
}

function isTest(path: string): boolean {
  return path.split('/').slice(0, -1).includes('tests');
}

function generateFile(path: string, text: string, regions: readonly Region[]): string {
  const lines = text.split('\n');
  // From the last region up, so that earlier line numbers stay valid.
  for (const region of [...regions].reverse()) {
    lines.splice(region.beginLine - 1, region.endLine - region.beginLine + 1, ...stub(region));
  }
  const body = regions.length > 0 ? fixImports(path, lines.join('\n'), 'NotImplemented', contractModule(path)) : text;
  return header(path, regions.length > 0) + body;
}

function stub(region: Region): string[] {
  const { indent, milestone, what } = region;
  return [
    `${indent}// TODO(${milestone}): ${what}`,
    ...region.parameters.map((name) => `${indent}void ${name};`),
    `${indent}throw new NotImplemented('${milestone}', '${what.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}');`,
  ];
}

function header(path: string, hasStubs: boolean): string {
  const lines = [`// Generated from reference/${path} by \`npm run starter:build\`. This file is yours now: edit it freely.`];
  if (hasStubs) {
    lines.push(
      '// Each TODO(mN) stub below throws NotImplemented until you write that part in milestone N. Its',
      '// `void name;` lines only mark the parameters as used, so that the stub compiles: delete them with it.',
    );
  }
  return `${lines.join('\n')}\n\n`;
}
