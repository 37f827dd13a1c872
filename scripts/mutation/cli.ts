/**
 * `npm run mutation -- <milestone> [--only <files>] [--dry-run] [--concurrency <n>] [--summary-only]`:
 * Stryker over the reference files the milestone's students write, with the milestone's suites as
 * the test command, one file at a time; after each file its results join the committed record
 * (mutation/<milestone>/stryker-incremental.json) and the summary (summary.md) is rewritten, so a
 * stopped run keeps the files it finished. A rerun redoes only the mutants whose code or tests changed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Command } from 'commander';
import type { schema } from '@stryker-mutator/api/core' with { 'resolution-mode': 'import' };
import { exitOnUsageError, exitStatusHelp, exitWithMessage, USAGE_ERROR } from '../../harness/cli/exit-status';
import { mergeReports } from './merge';
import { isMilestone, MUTATED_FILES, recordDir, strykerOptions, type Milestone } from './options';
import { loadEquivalent } from './equivalent-file';
import { summarize } from './summary';

/** scripts/mutation/ is two levels below the repository root; Stryker reads the project from its working directory. */
const ROOT = path.resolve(__dirname, '..', '..');

interface Flags {
  readonly only?: string;
  readonly dryRun?: boolean;
  readonly summaryOnly?: boolean;
  readonly concurrency: string;
}

function readJson<T>(file: string): T | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : undefined;
}

/** The milestone's mutated files as Stryker's report names them. */
function reportNames(milestone: Milestone): string[] {
  return MUTATED_FILES[milestone].map((name) => `reference/${name}`);
}

function writeSummary(milestone: Milestone, report: schema.MutationTestResult): void {
  const dir = recordDir(ROOT, milestone);
  const equivalent = loadEquivalent(path.join(dir, 'equivalent.json'));
  fs.writeFileSync(path.join(dir, 'summary.md'), summarize(milestone, report, equivalent, reportNames(milestone)));
}

/** Stryker on one reference file; its results join the record at `recordFile`. */
async function mutateFile(milestone: Milestone, file: string, recordFile: string, concurrency: number): Promise<schema.MutationTestResult> {
  // Stryker 9 is an ES module: this CommonJS script loads it with import().
  const { Stryker } = await import('@stryker-mutator/core');
  // Stryker reads the mutants it may reuse from its incremental file and writes there only those of
  // this run: it gets a copy of the record, whose output is merged back.
  const scratch = path.join(os.tmpdir(), `socklab-mutation-${milestone}-${process.pid}.json`);
  if (fs.existsSync(recordFile)) fs.copyFileSync(recordFile, scratch);
  else fs.rmSync(scratch, { force: true });
  await new Stryker(strykerOptions(milestone, [file], scratch, concurrency)).runMutationTest();
  const fresh = readJson<schema.MutationTestResult>(scratch);
  fs.rmSync(scratch, { force: true });
  if (!fresh) throw new Error(`Stryker wrote no report for ${file}: see its log above`);
  const record = mergeReports(readJson(recordFile), fresh, reportNames(milestone));
  fs.writeFileSync(recordFile, `${JSON.stringify(record, null, 2)}\n`);
  return record;
}

async function main(name: string, flags: Flags): Promise<void> {
  if (!isMilestone(name)) throw new Error(`unknown milestone ${name}: one of ${Object.keys(MUTATED_FILES).join(', ')}`);
  process.chdir(ROOT);
  const files: readonly string[] = flags.only?.split(',') ?? MUTATED_FILES[name];
  const unknown = files.filter((file) => !(MUTATED_FILES[name] as readonly string[]).includes(file));
  if (unknown.length > 0) throw new Error(`not mutated for ${name}: ${unknown.join(', ')}`);
  const recordFile = path.join(recordDir(ROOT, name), 'stryker-incremental.json');
  if (flags.dryRun) {
    const { Stryker } = await import('@stryker-mutator/core');
    await new Stryker(strykerOptions(name, files, undefined, Number(flags.concurrency))).runMutationTest();
    return;
  }
  if (flags.summaryOnly) {
    const record = readJson<schema.MutationTestResult>(recordFile);
    if (!record) throw new Error(`no ${path.relative(ROOT, recordFile)}: run \`npm run mutation -- ${name}\` first`);
    writeSummary(name, record);
    return;
  }
  fs.mkdirSync(path.dirname(recordFile), { recursive: true });
  for (const file of files) writeSummary(name, await mutateFile(name, file, recordFile, Number(flags.concurrency)));
}

new Command('npm run mutation --')
  .description("Stryker over the reference files a milestone's students write, with that milestone's suites; the results join the record in mutation/<milestone>/.")
  .argument('<milestone>', `one of ${Object.keys(MUTATED_FILES).join(', ')}`)
  .option('--only <files>', "mutate only these of the milestone's reference files, comma-separated, relative to reference/")
  .option('--dry-run', 'count the mutants and time the initial test run, without running mutants or touching the record')
  .option('--concurrency <n>', 'test runners at once; more only when the machine is not shared', '1')
  .option('--summary-only', 'rewrite summary.md from the record (after editing equivalent.json) without running Stryker')
  .addHelpText('after', exitStatusHelp({ 0: 'the record and summary.md were updated (or --dry-run ran)', 1: 'an unknown milestone or file, or Stryker failed', [USAGE_ERROR]: 'bad arguments' }))
  .exitOverride(exitOnUsageError)
  .action(main)
  .parseAsync()
  .catch(exitWithMessage(1));
