/**
 * The schemas of a milestone's files (grader/schema/milestone.schema.json,
 * scripts/milestone-checks/mutants.schema.json and verified.schema.json,
 * scripts/mutation/equivalent.schema.json, assignments/m2-handshake/transitions.schema.json):
 * every milestone's files conform, the loaders refuse the usual mistakes naming the file and the
 * place, and every property is described, since the descriptions are the format's reference
 * (docs/authoring.md).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ASSIGNMENTS_DIR, listMilestones, loadMilestone, type Milestone } from '../../grader/milestone';
import milestoneSchema from '../../grader/schema/milestone.schema.json';
import { hasMutants, loadMutants } from '../milestone-checks/mutants-file';
import mutantsSchema from '../milestone-checks/mutants.schema.json';
import { readRecord } from '../milestone-checks/verified-mutants';
import verifiedSchema from '../milestone-checks/verified.schema.json';
import { loadEquivalent } from '../mutation/equivalent-file';
import equivalentSchema from '../mutation/equivalent.schema.json';
import transitionsSchema from '../../assignments/m2-handshake/transitions.schema.json';

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

/** The message of what `load` throws, or '' when it returns. */
function thrownBy(load: () => unknown): string {
  try {
    load();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

/** What loading `milestone` (as milestone.json of a folder named after its id) throws, or '' when it loads. */
const milestoneError = (milestone: object): string => thrownBy(() => loadMilestone(milestoneFolder(VALID_MILESTONE.id, { 'milestone.json': milestone })));

/** What loading `mutants` beside the valid milestone throws, or '' when they load. */
const mutantsError = (mutants: unknown): string => thrownBy(() => loadMutants(milestoneFolder(VALID_MILESTONE.id, { 'mutants.json': mutants }), VALID_MILESTONE));

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

describe('mutants.verified.json', () => {
  test.each(listMilestones().filter((id) => hasMutants(path.join(ASSIGNMENTS_DIR, id))))('%s: the record conforms to its schema', (id) => {
    expect(Object.keys(readRecord(path.join(ASSIGNMENTS_DIR, id))).length).toBeGreaterThan(0);
  });

  test('a record edited by hand is refused, naming the file, the place and how to rewrite it', () => {
    const dir = milestoneFolder('m9-example', { 'mutants.verified.json': { 'a-broken': 'not-a-fingerprint', Upper: '0123456789abcdef01234567' } });
    const message = thrownBy(() => readRecord(dir));
    expect(message).toContain(`${path.join(dir, 'mutants.verified.json')}:\n`);
    expect(message).toContain('(top level): property name must be valid: "Upper"');
    expect(message).toContain('/a-broken: must match pattern "^[0-9a-f]{24}$"');
    expect(message).toContain('(rewrite it: npm run check:milestone -- m9-example --mutants)');
  });
});

describe('equivalent.json', () => {
  const mutationDirs = fs.readdirSync(path.join(__dirname, '../../mutation'), { withFileTypes: true }).filter((entry) => entry.isDirectory());

  test.each(mutationDirs.map((entry) => entry.name))('mutation/%s/equivalent.json conforms to its schema', (id) => {
    expect(loadEquivalent(path.join(__dirname, '../../mutation', id, 'equivalent.json')).length).toBeGreaterThan(0);
  });

  test('an entry without its reason, or with a line of 0, is refused naming the place', () => {
    const dir = milestoneFolder('m9-example', { 'equivalent.json': [{ file: 'reference/udp.ts', line: 0, column: 3, mutator: 'StringLiteral', replacement: '``' }] });
    const problems = thrownBy(() => loadEquivalent(path.join(dir, 'equivalent.json')));
    expect(problems).toContain("/0: must have required property 'reason'");
    expect(problems).toContain('/0/line: must be >= 1');
  });
});

test.each([
  ['milestone.schema.json', milestoneSchema],
  ['mutants.schema.json', mutantsSchema],
  ['verified.schema.json', verifiedSchema],
  ['equivalent.schema.json', equivalentSchema],
  ['transitions.schema.json', transitionsSchema],
])('%s describes every property it has', (_name, schema) => {
  expect(undescribed(schema)).toEqual([]);
});
