/**
 * The record of mutants verified killed, one per milestone (`assignments/<m>/mutants.verified.json`):
 * for each mutant its last check killed, a fingerprint of everything that verdict depends on (the
 * mutated reference, the mutant itself, the milestone's tests and milestone.json, the harness, the
 * locked dependencies). Verdicts are deterministic under one seed, so a mutant whose fingerprint is
 * unchanged would be killed again: `npm test` checks only the others, plus a few recorded ones as a
 * spot check, and stays within its time however many mutants a milestone has. Every change to what
 * a verdict depends on is checked again; `npm run check:milestone -- <m> --mutants` refreshes the record.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCheckedJson, schemaChecker } from '../../grader/schema-check';
import { Rng } from '../../harness/sim/rng';
import { readTree, REPO_ROOT } from '../starter/files';
import type { MutantsCheck } from './check-mutants';
import { digest, mutantDigest } from './mutant-copy';
import type { Mutant } from './mutants-file';
import recordSchema from './verified.schema.json';

const RECORD = 'mutants.verified.json';
/** Recorded mutants checked again on every run anyway, so that the record itself is tested. */
const SPOT_CHECKED = 3;

/** Mutant id → the fingerprint it was killed with. */
type Verified = { [id: string]: string };

/** What every verdict of the milestone depends on beyond its mutant, digested once per run. */
const sharedDigests = new Map<string, string>();

function sharedDigest(milestoneDir: string): string {
  let known = sharedDigests.get(milestoneDir);
  if (known === undefined) {
    // The harness's own unit tests and notes cannot change a verdict.
    const harness = new Map([...readTree(path.join(REPO_ROOT, 'harness'))].filter(([file]) => !/(^|\/)tests\//.test(file) && !file.endsWith('.md')));
    known = [
      digest(readTree(path.join(milestoneDir, 'tests'))),
      digest(new Map([['milestone.json', fs.readFileSync(path.join(milestoneDir, 'milestone.json'), 'utf8')]])),
      digest(harness),
      digest(new Map([['package-lock.json', fs.readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')]])),
    ].join(':');
    sharedDigests.set(milestoneDir, known);
  }
  return known;
}

export function fingerprint(milestoneDir: string, mutant: Mutant): string {
  return createHash('sha256')
    .update(`${JSON.stringify(mutant)}\0${mutantDigest(mutant)}\0${sharedDigest(milestoneDir)}`)
    .digest('hex')
    .slice(0, 24);
}

const recordProblems = schemaChecker(recordSchema);

/** The record of the milestone in `milestoneDir` (none yet: empty); throws naming the file and every problem. */
export function readRecord(milestoneDir: string): Verified {
  const file = path.join(milestoneDir, RECORD);
  if (!fs.existsSync(file)) return {};
  return readCheckedJson<Verified>(file, recordProblems, `(rewrite it: npm run check:milestone -- ${path.basename(milestoneDir)} --mutants)`);
}

/**
 * The mutants to check now: those the record does not vouch for, and `SPOT_CHECKED` of those it
 * does, drawn with `seed`.
 */
export function mutantsToCheck(milestoneDir: string, mutants: readonly Mutant[], seed: number): Mutant[] {
  const record = readRecord(milestoneDir);
  const vouched = mutants.filter((mutant) => record[mutant.id] === fingerprint(milestoneDir, mutant));
  const rng = new Rng(seed).fork(`spot check ${path.basename(milestoneDir)}`);
  const spot = new Set<Mutant>();
  while (spot.size < Math.min(SPOT_CHECKED, vouched.length)) spot.add(vouched[rng.int(0, vouched.length - 1)]!);
  return mutants.filter((mutant) => !vouched.includes(mutant) || spot.has(mutant));
}

/**
 * Record the mutants `check` killed (under every seed it ran) and forget those no longer in
 * mutants.json. Nothing is recorded when the control run failed: its kills would prove nothing.
 */
export function recordKilled(milestoneDir: string, mutants: readonly Mutant[], check: MutantsCheck): void {
  if (check.controlFailed) return;
  const before = readRecord(milestoneDir);
  const survived = new Set(check.outcomes.filter((outcome) => outcome.error || outcome.killers.some((k) => !k.failed)).map((outcome) => outcome.mutant.id));
  const checked = new Set(check.outcomes.map((outcome) => outcome.mutant.id));
  const record: Verified = {};
  for (const mutant of mutants) {
    if (checked.has(mutant.id)) {
      if (!survived.has(mutant.id)) record[mutant.id] = fingerprint(milestoneDir, mutant);
    } else {
      const kept = before[mutant.id];
      if (kept !== undefined) record[mutant.id] = kept;
    }
  }
  fs.writeFileSync(path.join(milestoneDir, RECORD), `${JSON.stringify(record, null, 2)}\n`);
}
