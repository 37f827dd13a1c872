/**
 * `npm run export:student`: a standalone repository for a student — the starter as their own
 * `stack/`, the handouts and public tests of the chosen milestones with the support files those
 * import, the harness (read-only), and what `npm ci && npm test` needs. Nothing of the reference's
 * solutions and nothing hidden: the export is leak-checked before a file is written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listMilestones } from '../../grader/milestone';
import { readTree, REPO_ROOT } from '../starter/files';
import { frameworkFiles } from './framework-files';
import { importSpecifiers, isRelative, packageOf, resolveRelative } from './imports';
import { findLeaks } from './leak-check';
import type { Lockfile } from './lock-graph';
import { pruneLockfile } from './lockfile';
import { milestoneFiles, milestoneIds } from './milestone-files';
import { studentPackageJson, type PackageJson } from './package-json';
import { studentReadme } from './readme';
import { gitignore, harnessNote, jestConfig, jsonText, socklabJson, STACK_DIR, tsconfigJson } from './repo-files';
import { frameworkSecrets } from './secrets';
import { classroomWorkflow, testWorkflow } from './workflows';

/** One file of an export. */
export interface ExportFile {
  readonly text: string;
  /** Part of the vendored harness: written read-only. */
  readonly readOnly: boolean;
}

/** An export: its files by `/`-separated path relative to the repository root. */
export type ExportPlan = ReadonlyMap<string, ExportFile>;

/** A request that cannot be carried out as asked: an unknown milestone, a folder already in use. */
export class ExportRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportRefused';
  }
}

/**
 * Export the milestones `milestones` (by default every one with a milestone.json) of the socklab
 * repository at `root` into `dir`, which must be missing or empty. Throws ExportRefused for a bad
 * request, and an Error naming each problem when the export would be broken or leak.
 */
export function exportStudent(dir: string, milestones?: readonly string[], root: string = REPO_ROOT): ExportPlan {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new ExportRefused(`${dir} is not empty: export into a new folder`);
  const plan = planExport(milestones ?? listMilestones(path.join(root, 'assignments')), root);
  const leaks = findLeaks(new Map([...plan].map(([file, { text }]) => [file, text])), frameworkSecrets(root));
  if (leaks.length > 0) throw new Error(`the export would leak what students must not see:\n${leaks.map((leak) => `  ${leak}`).join('\n')}`);
  writeExport(dir, plan);
  return plan;
}

/** The files of an export of `milestones` from the socklab repository at `root`. */
function planExport(milestones: readonly string[], root: string = REPO_ROOT): ExportPlan {
  const known = milestoneIds(root);
  const ids = [...new Set(milestones)].sort();
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new ExportRefused(`no milestone ${unknown.join(', ')} (there are: ${known.join(', ')})`);
  if (ids.length === 0) throw new ExportRefused('no milestone to export');

  const plan = new Map<string, ExportFile>();
  const add = ([file, text]: [string, string], readOnly = false): void => {
    if (plan.has(file)) throw new Error(`two exported files at ${file}`);
    plan.set(file, { text, readOnly });
  };
  const read = (file: string): [string, string] => [file, fs.readFileSync(path.join(root, file), 'utf8')];
  const ours = readJson<PackageJson>(root, 'package.json');

  for (const [file, text] of readTree(path.join(root, 'starter'))) add([`${STACK_DIR}/${file}`, text]);
  for (const file of frameworkFiles(root)) add(read(file), true);
  add(harnessNote(ours.version), true);
  // A later milestone's public tests may import an earlier one's support files: each is written once.
  const publicFiles = [...new Set(ids.flatMap((id) => milestoneFiles(root, id).publicFiles))];
  for (const file of publicFiles) add(read(file));

  const exampleTest = publicFiles.find((file) => file.endsWith('.test.ts'));
  if (exampleTest === undefined) throw new ExportRefused(`${ids.join(', ')} has no public test to export`);
  const packages = importedPackages(plan);
  const pkg = studentPackageJson(ours, packages);
  add(['package.json', jsonText(pkg)]);
  const { name, version, engines, dependencies, devDependencies } = pkg;
  add(['package-lock.json', jsonText(pruneLockfile(readJson<Lockfile>(root, 'package-lock.json'), { name, version, engines, dependencies, devDependencies }))]);
  add(tsconfigJson(readJson<{ compilerOptions: unknown }>(root, 'tsconfig.json')));
  add(jestConfig());
  add(gitignore());
  add(classroomWorkflow());
  add(testWorkflow());
  add(socklabJson());
  const exampleScript = publicFiles.find((file) => file.endsWith('.pkt'));
  add(studentReadme({ milestones: ids, exampleTest, exampleScript, node: ours.engines?.node ?? '' }));
  return plan;
}

/**
 * The npm packages the plan's TypeScript files import. Throws, naming each, when a relative
 * import lands outside the plan: the student repository could not compile.
 */
function importedPackages(plan: ExportPlan): Set<string> {
  const packages = new Set<string>();
  const problems: string[] = [];
  for (const [file, { text }] of plan) {
    if (!file.endsWith('.ts')) continue;
    for (const specifier of importSpecifiers(text)) {
      if (isRelative(specifier)) {
        if (resolveRelative(file, specifier, (candidate) => plan.has(candidate)) === undefined) problems.push(`${file} imports '${specifier}', which the export does not have`);
      } else {
        const name = packageOf(specifier);
        if (name !== undefined) packages.add(name);
      }
    }
  }
  if (problems.length > 0) throw new Error(`the export would not compile:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  return packages;
}

/** Write the plan under `dir`; the harness's files read-only, so that an edit there is a deliberate act. */
function writeExport(dir: string, plan: ExportPlan): void {
  for (const [file, { text, readOnly }] of plan) {
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    fs.chmodSync(target, readOnly ? 0o444 : 0o644);
  }
}

function readJson<T>(root: string, file: string): T {
  return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as T;
}
