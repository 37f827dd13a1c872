/**
 * The short markdown summary of a milestone's mutation run, made from Stryker's report (the
 * incremental file is one): the score, the counts, and every surviving mutant with its place and
 * mutator, each marked with the reason when equivalent.json lists it as equivalent.
 */
import type { schema } from '@stryker-mutator/api/core' with { 'resolution-mode': 'import' };

/** A mutant that no test can kill, because it behaves as the original does; equivalent.json is a list of these. */
export interface EquivalentMutant {
  /** As the report names it: `reference/udp.ts`. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly mutator: string;
  readonly replacement: string;
  /** Why no behaviour of the stack can tell the mutant from the original. */
  readonly reason: string;
}

/** A mutant that no test killed, where it is. */
interface Survivor {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly mutator: string;
  readonly replacement: string;
  /** Survived (a test ran it and passed) or NoCoverage (no test reached it). */
  readonly status: string;
}

interface Tally {
  readonly total: number;
  readonly killed: number;
  readonly timeout: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Mutants that could not be judged: they broke the code itself (CompileError, RuntimeError). */
  readonly errors: number;
}

const UNDETECTED = new Set(['Survived', 'NoCoverage']);

function tally(mutants: readonly schema.MutantResult[]): Tally {
  const count = (...statuses: string[]) => mutants.filter((mutant) => statuses.includes(mutant.status)).length;
  return {
    total: mutants.length,
    killed: count('Killed'),
    timeout: count('Timeout'),
    survived: count('Survived'),
    noCoverage: count('NoCoverage'),
    errors: count('CompileError', 'RuntimeError'),
  };
}

/** Every mutant no test detected, in file and line order. */
function survivors(report: schema.MutationTestResult): Survivor[] {
  return Object.entries(report.files)
    .flatMap(([file, { mutants }]) =>
      mutants
        .filter((mutant) => UNDETECTED.has(mutant.status))
        .map(({ location, mutatorName, replacement, status }) => ({
          file,
          line: location.start.line,
          column: location.start.column,
          mutator: mutatorName,
          replacement: replacement ?? '',
          status,
        })),
    )
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

function sameMutant(survivor: Survivor, listed: EquivalentMutant): boolean {
  return (
    survivor.file === listed.file &&
    survivor.line === listed.line &&
    survivor.column === listed.column &&
    survivor.mutator === listed.mutator &&
    survivor.replacement === listed.replacement
  );
}

/** The mutation score in percent: detected over detected and undetected, as Stryker counts it. */
function score(detected: number, undetected: number): string {
  return detected + undetected === 0 ? 'n/a' : `${((100 * detected) / (detected + undetected)).toFixed(2)}%`;
}

/** A replacement on one table line: whitespace collapsed, pipes escaped, long code cut. */
function cell(code: string): string {
  const line = code.replace(/\s+/g, ' ').replace(/\|/g, '\\|');
  const cut = line.length > 80 ? `${line.slice(0, 77)}...` : line;
  // Code with a backtick in it (an emptied template string) needs a double-backtick span.
  return cut.includes('`') ? `\`\` ${cut} \`\`` : `\`${cut}\``;
}

/** A row of the counts table: `name`'s mutants, `equivalent` of them listed as equivalent. */
function countsRow(name: string, mutants: readonly schema.MutantResult[], equivalent: number): string {
  const counts = tally(mutants);
  const detected = counts.killed + counts.timeout;
  const undetected = counts.survived + counts.noCoverage;
  const cells = [counts.total, counts.killed, counts.timeout, counts.survived, counts.noCoverage, counts.errors];
  return `| ${name} | ${cells.join(' | ')} | ${score(detected, undetected)} | ${score(detected, undetected - equivalent)} |`;
}

/**
 * The markdown summary of `report` for `milestone`, given the mutants listed as equivalent;
 * `mutated` (the milestone's files, as the report names them) says which are not measured yet.
 */
export function summarize(
  milestone: string,
  report: schema.MutationTestResult,
  equivalent: readonly EquivalentMutant[],
  mutated: readonly string[],
): string {
  const left = survivors(report);
  const reasons = left.map((survivor) => equivalent.find((listed) => sameMutant(survivor, listed))?.reason);
  const equivalentIn = (file?: string) => left.filter((s, i) => reasons[i] !== undefined && (file === undefined || s.file === file)).length;
  const stale = equivalent.filter((listed) => !left.some((survivor) => sameMutant(survivor, listed)));
  const files = Object.keys(report.files).sort();
  const missing = mutated.filter((file) => !files.includes(file));
  const lines = [
    `# Mutation testing: ${milestone}`,
    '',
    `Made by \`npm run mutation -- ${milestone}\` from stryker-incremental.json; equivalent mutants are listed, with reasons, in equivalent.json.`,
    '',
    '| file | mutants | killed | timeout | survived | no coverage | errors | score | score, equivalents set aside |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...files.map((file) => countsRow(file, report.files[file]?.mutants ?? [], equivalentIn(file))),
    countsRow('all', Object.values(report.files).flatMap((file) => file.mutants), equivalentIn()),
    '',
    missing.length > 0 ? `Not measured yet: ${missing.join(', ')}.` : `All ${mutated.length} files of the milestone are measured.`,
    '',
    `## Survivors: ${left.length}, of which ${equivalentIn()} equivalent`,
    '',
    '| place | mutator | replacement | status | equivalent because |',
    '| --- | --- | --- | --- | --- |',
    ...left.map((s, i) => `| ${s.file}:${s.line}:${s.column} | ${s.mutator} | ${cell(s.replacement)} | ${s.status} | ${reasons[i] ?? '**not equivalent: a test gap**'} |`),
  ];
  // An entry whose mutant is gone (the code moved or a test now kills it) must be fixed or removed.
  if (stale.length > 0) {
    lines.push('', `## Entries of equivalent.json that match no survivor: ${stale.length}`, '');
    lines.push(...stale.map((s) => `- ${s.file}:${s.line}:${s.column} ${s.mutator} ${cell(s.replacement)}`));
  }
  return `${lines.join('\n')}\n`;
}
