/**
 * Every milestone's milestone.json lists exactly the tests its suites contain: a test that is not
 * listed would be worth nothing, and a listed test that does not exist would be a free failure.
 * The tests are found by jest itself (every file loaded, no test run), so that names built at run
 * time (a test per table row) are found as the grader will see them.
 */
import * as path from 'node:path';
import { ASSIGNMENTS_DIR, listMilestones, loadMilestone } from '../../grader/milestone';
import { disagreements, discoverTests } from '../milestone-checks/discover-tests';

const SLOW_MS = 120_000;

describe('milestone.json', () => {
  test('there is at least one milestone to check', () => {
    expect(listMilestones()).not.toEqual([]);
  });

  for (const id of listMilestones()) {
    test(
      `${id}: lists exactly the tests its suites contain, each once`,
      async () => {
        const dir = path.join(ASSIGNMENTS_DIR, id);
        const milestone = loadMilestone(dir);
        const discovered = await discoverTests(milestone, dir);
        expect(disagreements(milestone, discovered)).toEqual({ unlisted: [], missing: [], duplicated: [] });
      },
      SLOW_MS,
    );
  }
});
