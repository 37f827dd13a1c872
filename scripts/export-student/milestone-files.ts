/**
 * A milestone's files, split by who may see them. Students get the handout (README.md, and the
 * figures it shows under handout/), the public tests and the support files those import; the
 * hidden tests, milestone.json (points, categories), the mutants and the support files only
 * hidden tests use stay with the grader.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listFiles } from '../../grader/files';
import { importClosure } from './import-closure';

/** One milestone's files, by `/`-separated path relative to the repository root. */
export interface MilestoneFiles {
  readonly id: string;
  /** What a student repository gets: README.md and its figures (handout/**), tests/public/**, and the support files they import. */
  readonly publicFiles: readonly string[];
  /** tests/hidden/**. */
  readonly hiddenTests: readonly string[];
  /** Files that hidden tests import and public ones do not. */
  readonly hiddenOnly: readonly string[];
}

/** The folder of every milestone, relative to the root. */
export const ASSIGNMENTS = 'assignments';

/** The ids of every milestone folder under `root`/assignments, in order. */
export function milestoneIds(root: string): string[] {
  return fs
    .readdirSync(path.join(root, ASSIGNMENTS), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/**
 * Split the milestone `id`. Throws when a public test imports a hidden file, or a file outside
 * the assignments that is not the harness's: a student repository could not hold it.
 */
export function milestoneFiles(root: string, id: string): MilestoneFiles {
  const folder = `${ASSIGNMENTS}/${id}`;
  const under = (sub: string): string[] => {
    const dir = path.join(root, folder, sub);
    return fs.existsSync(dir) ? listFiles(dir).map((file) => `${folder}/${sub}/${file.relative}`) : [];
  };
  const isHidden = (file: string): boolean => file.split('/').includes('hidden');
  const inAssignments = (file: string): boolean => file.startsWith(`${ASSIGNMENTS}/`);
  const handout = [...(fs.existsSync(path.join(root, folder, 'README.md')) ? [`${folder}/README.md`] : []), ...under('handout')];

  const publicTests = importClosure(root, under('tests/public'), inAssignments);
  const problems = [
    ...[...publicTests.inside].filter(isHidden).map((file) => `${file} is hidden, yet a public test imports it`),
    ...[...publicTests.outside].filter((file) => !file.startsWith('harness/')).map((file) => `a public test imports ${file}, which a student repository does not have`),
  ];
  if (problems.length > 0) throw new Error(`cannot export ${id}:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);

  const hiddenTests = under('tests/hidden');
  const hidden = importClosure(root, hiddenTests, inAssignments).inside;
  return {
    id,
    publicFiles: [...handout, ...publicTests.inside].sort(),
    hiddenTests,
    hiddenOnly: [...hidden].filter((file) => !publicTests.inside.has(file) && !hiddenTests.includes(file)).sort(),
  };
}
