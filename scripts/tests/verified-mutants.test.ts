/**
 * The record of verified mutants: a mutant is vouched for only while nothing its verdict depends
 * on has changed, a spot check re-runs some of those it vouches for, and a failed control records nothing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ASSIGNMENTS_DIR, loadMilestone } from '../../grader/milestone';
import type { MutantsCheck } from '../milestone-checks/check-mutants';
import { loadMutants, type Mutant } from '../milestone-checks/mutants-file';
import { mutantsToCheck, recordKilled } from '../milestone-checks/verified-mutants';

const M1 = path.join(ASSIGNMENTS_DIR, 'm1-udp');
const MUTANTS = loadMutants(M1, loadMilestone(M1)).slice(0, 6);
const SEED = 1;
const made: string[] = [];

afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A milestone folder of its own: milestone.json and one test file, which a test may change. */
function milestoneFolder(testText = 'it.todo("a");\n'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'socklab-verified-'));
  made.push(dir);
  fs.copyFileSync(path.join(M1, 'milestone.json'), path.join(dir, 'milestone.json'));
  fs.mkdirSync(path.join(dir, 'tests'));
  fs.writeFileSync(path.join(dir, 'tests', 'a.test.ts'), testText);
  return dir;
}

/** A check in which `survivors` survived and every other mutant was killed. */
function checked(mutants: readonly Mutant[], survivors: readonly string[] = [], controlFailed = false): MutantsCheck {
  const outcomes = mutants.map((mutant) => ({ mutant, seed: SEED, killers: [{ killer: 'a test', failed: !survivors.includes(mutant.id), detail: '' }] }));
  return { outcomes, problems: [], controlFailed };
}

const ids = (mutants: readonly Mutant[]): string[] => mutants.map((mutant) => mutant.id);

describe('the record of verified mutants', () => {
  it('vouches for none at first: every mutant is checked', () => {
    expect(ids(mutantsToCheck(milestoneFolder(), MUTANTS, SEED))).toEqual(ids(MUTANTS));
  });

  it('vouches for the killed ones, not the survivors: those and three spot-checked ones are checked again', () => {
    const dir = milestoneFolder();
    recordKilled(dir, MUTANTS, checked(MUTANTS, [MUTANTS[0]!.id]));
    const again = ids(mutantsToCheck(dir, MUTANTS, SEED));
    expect(again).toContain(MUTANTS[0]!.id);
    expect(again).toHaveLength(1 + 3);
  });

  it('vouches for nothing once the milestone’s tests change', () => {
    const dir = milestoneFolder();
    recordKilled(dir, MUTANTS, checked(MUTANTS));
    const changed = milestoneFolder('it.todo("b");\n');
    fs.copyFileSync(path.join(dir, 'mutants.verified.json'), path.join(changed, 'mutants.verified.json'));
    expect(ids(mutantsToCheck(changed, MUTANTS, SEED))).toEqual(ids(MUTANTS));
  });

  it('checks again a mutant whose replacement changed', () => {
    const dir = milestoneFolder();
    recordKilled(dir, MUTANTS, checked(MUTANTS));
    const edited = MUTANTS.map((mutant, i) => (i === 5 ? { ...mutant, replace: `${mutant.replace} ` } : mutant));
    const again = ids(mutantsToCheck(dir, edited, SEED));
    expect(again).toContain(MUTANTS[5]!.id);
    expect(again).toHaveLength(1 + 3);
  });

  it('records nothing when the control run failed', () => {
    const dir = milestoneFolder();
    recordKilled(dir, MUTANTS, checked(MUTANTS, [], true));
    expect(ids(mutantsToCheck(dir, MUTANTS, SEED))).toEqual(ids(MUTANTS));
  });
});
