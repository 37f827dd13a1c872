/**
 * The milestone checks, for every milestone that has mutants.json: each mutant is killed by the
 * tests it names (those mutants.verified.json does not vouch for, and a spot check of those it
 * does), the starter fails every test with "not implemented", and the reference passes under a
 * few seeds (`npm run check:milestone -- <id> --seeds 1-20` runs twenty).
 */
import * as path from 'node:path';
import { ASSIGNMENTS_DIR, listMilestones, loadMilestone } from '../../grader/milestone';
import { checkMutants } from '../milestone-checks/check-mutants';
import { checkSeeds } from '../milestone-checks/check-seeds';
import { checkStarter } from '../milestone-checks/check-starter';
import { hasMutants, loadMutants, type Mutant } from '../milestone-checks/mutants-file';
import { mutantsToCheck } from '../milestone-checks/verified-mutants';
import { runSeed } from '../../harness/sim/rng';

const SLOW_MS = 240_000;
/** Far above one mutant's run on a loaded machine (about 5 s). */
const PER_MUTANT_MS = 20_000;
const SEEDS = [2, 3];

const checked = listMilestones().filter((id) => hasMutants(path.join(ASSIGNMENTS_DIR, id)));

describe.each(checked)('milestone %s', (id) => {
  const dir = path.join(ASSIGNMENTS_DIR, id);
  const milestone = loadMilestone(dir);

  // A stale record (`npm run check:milestone -- <id> --mutants` refreshes it) makes the check longer, not wrong.
  const mutants = mutantsToCheck(dir, loadMutants(dir, milestone), runSeed());
  test(`every mutant of the reference is killed by each test it names (${mutants.length} checked: those the record does not vouch for, and a spot check drawn with seed ${runSeed()})`, async () => {
    expect((await checkMutants(milestone, dir, mutants)).problems).toEqual([]);
  }, SLOW_MS + mutants.length * PER_MUTANT_MS);

  const firstTest = milestone.tests[0]!.name;
  /** A mutant of reference/index.ts that the milestone's first test must kill. */
  const ofIndex = (id: string, behaviour: string, find: string, replace: string): Mutant => ({ id, behaviour, file: 'index.ts', find, replace, killedBy: [firstTest] });

  test('a mutant that changes nothing is reported as surviving: the mutant check can fail', async () => {
    const equivalent = ofIndex('equivalent', 'none: only a comment changes', 'export function createKernel', '/* equivalent */ export function createKernel');
    const { problems } = await checkMutants(milestone, dir, [equivalent]);
    expect(problems).toEqual([expect.stringContaining(`mutant equivalent survived "${firstTest}"`)]);
  }, SLOW_MS);

  test('a mutant that takes jest down with it (it exits) is run again as graded, where its killer fails with the reason', async () => {
    const exiting = ofIndex('exits', 'the kernel ends the process it runs in', '  return new SocklabKernel(env);', '  process.exit(7);');
    const { problems, outcomes } = await checkMutants(milestone, dir, [exiting]);
    expect(problems).toEqual([]);
    expect(outcomes[0]!.killers[0]!.detail).toMatch(/exit/i);
  }, SLOW_MS);

  test('every test fails against the starter, saying what is not implemented', async () => {
    expect((await checkStarter(milestone, dir)).problems).toEqual([]);
  }, SLOW_MS);

  test(`every test passes against the reference under seeds ${SEEDS.join(' and ')}`, async () => {
    expect((await checkSeeds(milestone, dir, SEEDS)).problems).toEqual([]);
  }, SLOW_MS);
});
