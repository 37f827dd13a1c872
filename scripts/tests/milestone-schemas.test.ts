/**
 * The schemas of a milestone's files (grader/schema/milestone.schema.json,
 * scripts/milestone-checks/mutants.schema.json): every milestone's files conform, the loaders
 * refuse the usual mistakes naming the file and the place, and every property is described,
 * since the descriptions are the format's reference (docs/authoring.md).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ASSIGNMENTS_DIR, listMilestones, loadMilestone, type Milestone } from '../../grader/milestone';
import milestoneSchema from '../../grader/schema/milestone.schema.json';
import { hasMutants, loadMutants } from '../milestone-checks/mutants-file';
import mutantsSchema from '../milestone-checks/mutants.schema.json';

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A milestone folder named `id` holding `files` (name → content, written as JSON). */
function milestoneFolder(id: string, files: Record<string, unknown>): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'socklab-schema-')), id);
  made.push(path.dirname(dir));
  fs.mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), JSON.stringify(content));
  return dir;
}

const VALID_MILESTONE: Milestone = {
  id: 'm9-example',
  title: 'Example',
  points: 1,
  limits: { wallSeconds: 60, memoryMb: 512 },
  tests: [
    { file: 'public/a.test.ts', name: 'a works', points: 0.5, category: 'a' },
    { file: 'hidden/b.test.ts', name: 'b works', points: 0.5, category: 'b' },
  ],
};

const VALID_MUTANT = { id: 'a-broken', behaviour: 'a does not work', file: 'udp.ts', find: 'x', replace: 'y', killedBy: ['a works'] };

/** What loading `milestone` (as milestone.json of a folder named after its id) throws, or '' when it loads. */
function milestoneError(milestone: object): string {
  try {
    loadMilestone(milestoneFolder(VALID_MILESTONE.id, { 'milestone.json': milestone }));
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

/** What loading `mutants` beside the valid milestone throws, or '' when they load. */
function mutantsError(mutants: unknown): string {
  try {
    loadMutants(milestoneFolder(VALID_MILESTONE.id, { 'mutants.json': mutants }), VALID_MILESTONE);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

const withTest = (change: object): object => ({ ...VALID_MILESTONE, tests: [{ ...VALID_MILESTONE.tests[0], ...change }, VALID_MILESTONE.tests[1]] });

describe('every milestone', () => {
  for (const id of listMilestones()) {
    const dir = path.join(ASSIGNMENTS_DIR, id);
    test(`${id}: milestone.json conforms to its schema${hasMutants(dir) ? ', and so does mutants.json' : ''}`, () => {
      const milestone = loadMilestone(dir);
      if (hasMutants(dir)) expect(loadMutants(dir, milestone).length).toBeGreaterThan(0);
    });
  }
});

describe('milestone.json', () => {
  test('a valid file loads: the mistakes below are what is refused', () => {
    expect(milestoneError(VALID_MILESTONE)).toBe('');
  });

  test.each([
    ['a test without points', withTest({ points: undefined }), "/tests/0: must have required property 'points'"],
    ['points as a string', withTest({ points: '0.5' }), '/tests/0/points: must be number'],
    ['negative points', withTest({ points: -1 }), '/tests/0/points: must be >= 0'],
    ['an unknown key', withTest({ pointz: 1 }), '/tests/0: must NOT have additional properties: "pointz"'],
    ['a test outside public/ and hidden/', withTest({ file: 'a.test.ts' }), '/tests/0/file: must match pattern'],
    ['a category with a space', withTest({ category: 'Ephemeral ports' }), '/tests/0/category: must match pattern'],
    ['limits without memoryMb', { ...VALID_MILESTONE, limits: { wallSeconds: 60 } }, "/limits: must have required property 'memoryMb'"],
    ['a milestone worth nothing', { ...VALID_MILESTONE, points: 0 }, '/points: must be > 0'],
  ])('refuses %s, naming the file and the place', (_what, milestone, problem) => {
    expect(milestoneError(milestone)).toMatch(/milestone\.json: /);
    expect(milestoneError(milestone)).toContain(problem);
  });

  test.each([
    ['an id that is not its folder', { ...VALID_MILESTONE, id: 'm9-other' }, 'id "m9-other" differs from its folder "m9-example"'],
    ['points that do not add up', { ...VALID_MILESTONE, points: 2 }, 'tests add up to 1 points, not 2'],
    ['a test listed twice', { ...VALID_MILESTONE, tests: [VALID_MILESTONE.tests[0], VALID_MILESTONE.tests[0]] }, 'test listed twice: public/a.test.ts > a works'],
  ])('refuses %s, which the schema cannot see', (_what, milestone, problem) => {
    expect(milestoneError(milestone)).toContain(problem);
  });

  test('refuses a file that is not JSON, naming it', () => {
    const dir = milestoneFolder(VALID_MILESTONE.id, {});
    fs.writeFileSync(path.join(dir, 'milestone.json'), '{ "id": ');
    expect(() => loadMilestone(dir)).toThrow(`${path.join(dir, 'milestone.json')}: not JSON`);
  });
});

describe('mutants.json', () => {
  test('a valid file loads: the mistakes below are what is refused', () => {
    expect(mutantsError([VALID_MUTANT])).toBe('');
  });

  test.each([
    ['a mutant without killedBy', [{ ...VALID_MUTANT, killedBy: undefined }], "/0: must have required property 'killedBy'"],
    ['a mutant no test kills', [{ ...VALID_MUTANT, killedBy: [] }], '/0/killedBy: must NOT have fewer than 1 items'],
    ['a killer that is not a string', [{ ...VALID_MUTANT, killedBy: [3] }], '/0/killedBy/0: must be string'],
    ['an unknown key', [{ ...VALID_MUTANT, killed_by: ['a works'] }], '/0: must NOT have additional properties: "killed_by"'],
    ['an object instead of a list', VALID_MUTANT, '(top level): must be array'],
  ])('refuses %s, naming the file and the place', (_what, mutants, problem) => {
    expect(mutantsError(mutants)).toMatch(/mutants\.json:\n/);
    expect(mutantsError(mutants)).toContain(problem);
  });

  test.each([
    ['an id used twice', [VALID_MUTANT, VALID_MUTANT], 'mutant id "a-broken" is used twice'],
    ['a mutant that changes nothing', [{ ...VALID_MUTANT, replace: 'x' }], 'mutant a-broken: "replace" is the same as "find"'],
    ['a killer milestone.json does not list', [{ ...VALID_MUTANT, killedBy: ['c works'] }], 'killer "c works" is neither a test nor a test file listed in milestone.json'],
  ])('refuses %s, which the schema cannot see', (_what, mutants, problem) => {
    expect(mutantsError(mutants)).toContain(problem);
  });
});

/** The paths of the properties of `schema` (walked through properties and items) that have no description. */
function undescribed(schema: Record<string, unknown>, at = ''): string[] {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const items = schema.items as Record<string, unknown> | undefined;
  return [
    ...Object.entries(properties).flatMap(([name, property]) => [...(property.description ? [] : [`${at}/${name}`]), ...undescribed(property, `${at}/${name}`)]),
    ...(items ? undescribed(items, `${at}/items`) : []),
  ];
}

test.each([
  ['milestone.schema.json', milestoneSchema],
  ['mutants.schema.json', mutantsSchema],
])('%s describes every property it has', (_name, schema) => {
  expect(undescribed(schema)).toEqual([]);
});
