/**
 * mutants.json: deliberately broken versions of the reference, each naming the tests that must
 * catch it. A milestone that has the file gets its mutants checked (check-mutants.ts). Its format
 * is `mutants.schema.json`, beside this file; docs/authoring.md explains it.
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
import { readCheckedJson, schemaChecker } from '../../grader/schema-check';
import schema from './mutants.schema.json';

export interface Mutant {
  readonly id: string;
  /** The behaviour the mutant breaks, in words. */
  readonly behaviour: string;
  readonly file: string;
  readonly find: string;
  readonly replace: string;
  readonly killedBy: readonly string[];
  /** Checked in a kernel process of its own, as graded: it loops or fills memory. */
  readonly isolated?: boolean;
}

/** A killer, resolved against milestone.json: one test, or a whole file. */
export type Killer = { readonly kind: 'test'; readonly file: string; readonly name: string } | { readonly kind: 'file'; readonly file: string };

export const MUTANTS_FILE = 'mutants.json';

/** Whether the milestone in `milestoneDir` has mutants. */
export function hasMutants(milestoneDir: string): boolean {
  return fs.existsSync(path.join(milestoneDir, MUTANTS_FILE));
}

const schemaProblems = schemaChecker(schema);

/** Read `<milestoneDir>/mutants.json`; throws a message naming the file and every problem. */
export function loadMutants(milestoneDir: string, milestone: Milestone): Mutant[] {
  return readCheckedJson<Mutant[]>(path.join(milestoneDir, MUTANTS_FILE), (data) => {
    const shapeProblems = schemaProblems(data);
    return shapeProblems.length > 0 ? shapeProblems : consistencyProblems(data as Mutant[], milestone);
  });
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

/** What the schema cannot say: ids are unique, each mutant changes something, each killer is a listed test or test file. */
function consistencyProblems(mutants: readonly Mutant[], milestone: Milestone): string[] {
  const ids = mutants.map((mutant) => mutant.id);
  const problems = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))].map((id) => `mutant id "${id}" is used twice`);
  const names = new Set(milestone.tests.map((test) => test.name));
  const files = new Set(milestone.tests.map((test) => test.file));
  for (const mutant of mutants) {
    if (mutant.find === mutant.replace) problems.push(`mutant ${mutant.id}: "replace" is the same as "find"`);
    for (const killer of mutant.killedBy) {
      const known = killer.endsWith('.test.ts') ? files.has(killer) : names.has(killer);
      if (!known) problems.push(`mutant ${mutant.id}: killer "${killer}" is neither a test nor a test file listed in milestone.json`);
    }
  }
  return problems;
}
