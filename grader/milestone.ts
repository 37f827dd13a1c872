/**
 * milestone.json: what a milestone's tests are worth. One file per milestone folder
 * (`assignments/m1-udp/milestone.json`); every test the milestone's suites contain is listed with
 * its points, and a test of the repository checks that the list and the suites agree. Its format
 * is `schema/milestone.schema.json`; docs/authoring.md explains it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import schema from './schema/milestone.schema.json';
import { readJson, schemaChecker } from './schema-check';

/** Whether students see a test (public) or only its count and category (hidden). */
export type Visibility = 'public' | 'hidden';

export interface MilestoneTest {
  /** The test file, relative to the milestone's `tests/` folder: `public/bind.test.ts`. */
  readonly file: string;
  /** The test's full name as jest reports it: describe titles and the test title, joined by spaces. */
  readonly name: string;
  readonly points: number;
  /** What it checks, in a word or two (`checksum`, `bind`): shown for hidden tests instead of their names. */
  readonly category: string;
}

export interface Milestone {
  /** The folder name: `m1-udp`. */
  readonly id: string;
  /** `UDP sockets`. */
  readonly title: string;
  /** The milestone's maximum; the tests' points add up to it. */
  readonly points: number;
  /** Limits for one run of the milestone's suites, in a child process. */
  readonly limits: { readonly wallSeconds: number; readonly memoryMb: number };
  readonly tests: readonly MilestoneTest[];
}

/** The folder of every milestone. */
export const ASSIGNMENTS_DIR = path.resolve(__dirname, '..', 'assignments');

/** The visibility of a test, from the folder its file is in. */
export function visibilityOf(test: MilestoneTest): Visibility {
  return test.file.startsWith('hidden/') ? 'hidden' : 'public';
}

const schemaProblems = schemaChecker(schema);

/** Read and check `<dir>/milestone.json`; throws a message naming the file and every problem. */
export function loadMilestone(dir: string): Milestone {
  const file = path.join(dir, 'milestone.json');
  const data = readJson(file);
  const shapeProblems = schemaProblems(data);
  const problems = shapeProblems.length > 0 ? shapeProblems : consistencyProblems(data as Milestone, path.basename(dir));
  if (problems.length > 0) throw new Error(`${file}: ${problems.join('; ')}`);
  return data as Milestone;
}

/** Every milestone under assignments/, in order (m1 before m2). */
export function listMilestones(root: string = ASSIGNMENTS_DIR): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, entry.name, 'milestone.json')))
    .map((entry) => entry.name)
    .sort();
}

/** What the schema cannot say: the id is the folder's name, no test is listed twice, the points add up. */
function consistencyProblems(m: Milestone, folder: string): string[] {
  const problems: string[] = [];
  if (m.id !== folder) problems.push(`id "${m.id}" differs from its folder "${folder}"`);
  const seen = new Set<string>();
  for (const t of m.tests) {
    const key = `${t.file} > ${t.name}`;
    if (seen.has(key)) problems.push(`test listed twice: ${key}`);
    seen.add(key);
  }
  const sum = m.tests.reduce((total, t) => total + t.points, 0);
  // Rounded for the message only: 0.1 + 0.2 is shown as 0.3, not 0.30000000000000004.
  if (Math.abs(sum - m.points) > 1e-9) problems.push(`tests add up to ${Number(sum.toFixed(6))} points, not ${m.points}`);
  return problems;
}
