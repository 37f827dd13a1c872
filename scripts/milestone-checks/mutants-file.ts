/**
 * mutants.json: deliberately broken versions of the reference, each naming the tests that must
 * catch it. A milestone that has the file gets its mutants checked (check-mutants.ts).
 *
 *     [{ "id": "checksum-not-verified",
 *        "behaviour": "a datagram whose checksum fails is delivered anyway",
 *        "file": "udp.ts",                       // relative to reference/
 *        "find": "if (checksumPresent && ",      // must occur exactly once in the file
 *        "replace": "if (false && ",
 *        "killedBy": ["UDP checksum a datagram with one payload bit flipped ...", "hidden/fuzz.test.ts"] }]
 *
 * A killer is a test's full name, or a test file (relative to the milestone's `tests/`), which
 * kills the mutant when any of its tests fails.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Milestone } from '../../grader/milestone';

export interface Mutant {
  readonly id: string;
  /** The behaviour the mutant breaks, in words. */
  readonly behaviour: string;
  readonly file: string;
  readonly find: string;
  readonly replace: string;
  readonly killedBy: readonly string[];
}

/** A killer, resolved against milestone.json: one test, or a whole file. */
export type Killer = { readonly kind: 'test'; readonly file: string; readonly name: string } | { readonly kind: 'file'; readonly file: string };

export const MUTANTS_FILE = 'mutants.json';

/** Whether the milestone in `milestoneDir` has mutants. */
export function hasMutants(milestoneDir: string): boolean {
  return fs.existsSync(path.join(milestoneDir, MUTANTS_FILE));
}

/** Read `<milestoneDir>/mutants.json`; throws a message naming every problem. */
export function loadMutants(milestoneDir: string, milestone: Milestone): Mutant[] {
  const file = path.join(milestoneDir, MUTANTS_FILE);
  const mutants = JSON.parse(fs.readFileSync(file, 'utf8')) as Mutant[];
  const problems = Array.isArray(mutants) ? mutants.flatMap((mutant, i) => mutantProblems(mutant, i, milestone)) : ['expected an array of mutants'];
  const ids = mutants.map((mutant) => mutant.id);
  for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) problems.push(`mutant id "${id}" is used twice`);
  if (problems.length > 0) throw new Error(`${file}:\n  ${problems.join('\n  ')}`);
  return mutants;
}

/** The killers of `mutant`, each found in milestone.json. */
export function resolveKillers(mutant: Mutant, milestone: Milestone): Killer[] {
  return mutant.killedBy.map((killer) => {
    if (killer.endsWith('.test.ts')) return { kind: 'file', file: killer };
    const [test, ...others] = milestone.tests.filter((listed) => listed.name === killer);
    if (!test) throw new Error(`mutant ${mutant.id}: no test named "${killer}" in milestone.json`);
    if (others.length > 0) throw new Error(`mutant ${mutant.id}: tests of several files are named "${killer}"`);
    return { kind: 'test', file: test.file, name: test.name };
  });
}

function mutantProblems(mutant: Mutant, index: number, milestone: Milestone): string[] {
  const where = `mutant ${typeof mutant.id === 'string' ? mutant.id : `#${index}`}`;
  const problems: string[] = [];
  for (const field of ['id', 'behaviour', 'file', 'find', 'replace'] as const) {
    if (typeof mutant[field] !== 'string') problems.push(`${where}: "${field}" must be a string`);
  }
  if (mutant.find === mutant.replace) problems.push(`${where}: "replace" is the same as "find"`);
  if (!Array.isArray(mutant.killedBy) || mutant.killedBy.length === 0) return [...problems, `${where}: "killedBy" must name at least one test`];
  const files = new Set(milestone.tests.map((test) => test.file));
  for (const killer of mutant.killedBy) {
    const known = killer.endsWith('.test.ts') ? files.has(killer) : milestone.tests.some((test) => test.name === killer);
    if (!known) problems.push(`${where}: killer "${killer}" is neither a test nor a test file listed in milestone.json`);
  }
  return problems;
}
