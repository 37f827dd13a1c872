/**
 * `npm run check:milestone -- m1-udp [--mutants] [--starter] [--seeds 1-20] [--only id,id] [--mutant-seeds 1-20]`
 *
 * Checks that a milestone's tests can fail, and fail for the right reason:
 * - `--mutants`: every mutant in mutants.json is killed by every test it names (under each seed of
 *   `--mutant-seeds`, seed 1 unless given); those killed are recorded in mutants.verified.json
 *   (verified-mutants.ts), so that `npm test` checks again only what changed;
 * - `--starter`: every test fails against the starter with "not implemented (m…: …)";
 * - `--seeds a-b`: every test passes against the reference under each seed.
 * With none of them, all three run (seeds 1-20). Exits 1 when any check finds a problem.
 */
import { Command } from 'commander';
import * as path from 'node:path';
import { ASSIGNMENTS_DIR, loadMilestone } from '../../grader/milestone';
import { checkMutants } from './check-mutants';
import { checkSeeds, parseSeeds } from './check-seeds';
import { checkStarter } from './check-starter';
import { hasMutants, loadMutants } from './mutants-file';
import { mutantsReport, seedsReport, starterReport } from './report';
import { recordKilled } from './verified-mutants';

const DEFAULT_SEEDS = '1-20';

interface Flags {
  readonly mutants?: boolean;
  readonly starter?: boolean;
  readonly seeds?: string;
  readonly only?: string;
  readonly mutantSeeds?: string;
}

async function run(id: string, flags: Flags): Promise<number> {
  const milestoneDir = path.join(ASSIGNMENTS_DIR, id);
  const milestone = loadMilestone(milestoneDir);
  const all = !flags.mutants && !flags.starter && flags.seeds === undefined;
  const problems: string[] = [];
  const section = (title: string, text: string, found: readonly string[]): void => {
    console.log(`\n== ${id}: ${title}\n${text}`);
    for (const problem of found) console.log(`  PROBLEM: ${problem}`);
    problems.push(...found);
  };
  if (flags.mutants || (all && hasMutants(milestoneDir))) {
    const only = flags.only?.split(',');
    const mutants = loadMutants(milestoneDir, milestone).filter((mutant) => !only || only.includes(mutant.id));
    const check = await checkMutants(milestone, milestoneDir, mutants, flags.mutantSeeds === undefined ? undefined : parseSeeds(flags.mutantSeeds));
    recordKilled(milestoneDir, loadMutants(milestoneDir, milestone), check);
    section('mutants', mutantsReport(check), check.problems);
  }
  if (flags.starter || all) {
    const check = await checkStarter(milestone, milestoneDir);
    section('starter', starterReport(check), check.problems);
  }
  if (flags.seeds !== undefined || all) {
    const check = await checkSeeds(milestone, milestoneDir, parseSeeds(flags.seeds ?? DEFAULT_SEEDS));
    section('seeds', seedsReport(check), check.problems);
  }
  console.log(problems.length === 0 ? `\n${id}: every check passed` : `\n${id}: ${problems.length} problem(s)`);
  return problems.length === 0 ? 0 : 1;
}

const program = new Command('check:milestone')
  .description("Check that a milestone's tests fail for the right reasons and pass on the reference.")
  .argument('<milestone>', 'the milestone folder under assignments/, e.g. m1-udp')
  .option('--mutants', 'every mutant of the reference is killed by the tests it names')
  .option('--starter', 'every test fails against the starter with a "not implemented" reason')
  .option('--seeds <range>', 'every test passes against the reference under each seed, e.g. 1-20')
  .option('--only <ids>', 'with --mutants: only these mutants (comma-separated ids)')
  .option('--mutant-seeds <range>', 'with --mutants: each mutant is killed under each of these seeds, e.g. 1-20 (default: seed 1)')
  .action(async (id: string, flags: Flags) => {
    process.exitCode = await run(id, flags);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
