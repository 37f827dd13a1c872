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
import { ASSIGNMENTS_DIR, loadMilestone, type Milestone } from '../../grader/milestone';
import { startProgress } from '../../grader/progress';
import { exitOnUsageError, exitStatusHelp, exitWithMessage, USAGE_ERROR } from '../../harness/cli/exit-status';
import { DEFAULT_SEED } from '../../harness/sim/rng';
import { checkMutants } from './check-mutants';
import { checkSeeds, parseSeeds } from './check-seeds';
import { checkStarter } from './check-starter';
import { hasMutants, loadMutants, type Mutant } from './mutants-file';
import { mutantsReport, seedsReport, starterReport } from './report';
import { recordKilled } from './verified-mutants';

const DEFAULT_SEEDS = '1-20';

interface Flags {
  readonly mutants?: boolean;
  readonly starter?: boolean;
  readonly seeds?: string;
  readonly only?: string;
  readonly mutantSeeds?: string;
  readonly progress: boolean;
}

/** The checks the flags ask for, each with what it runs: planned first, so that progress knows how many jest runs are to come. */
interface Plan {
  readonly mutants?: { readonly mutants: readonly Mutant[]; readonly seeds: readonly number[] };
  readonly starter: boolean;
  readonly seeds?: readonly number[];
}

function plan(milestone: Milestone, milestoneDir: string, flags: Flags): Plan {
  const all = !flags.mutants && !flags.starter && flags.seeds === undefined;
  const only = flags.only?.split(',');
  return {
    ...(flags.mutants || (all && hasMutants(milestoneDir))
      ? {
          mutants: {
            mutants: loadMutants(milestoneDir, milestone).filter((mutant) => !only || only.includes(mutant.id)),
            seeds: flags.mutantSeeds === undefined ? [DEFAULT_SEED] : parseSeeds(flags.mutantSeeds),
          },
        }
      : {}),
    starter: Boolean(flags.starter) || all,
    ...(flags.seeds !== undefined || all ? { seeds: parseSeeds(flags.seeds ?? DEFAULT_SEEDS) } : {}),
  };
}

/** Every jest run of the plan: each mutant and the control run under each seed, the starter, each seed. */
function jestRuns(plan: Plan): number {
  const mutantRuns = plan.mutants ? (plan.mutants.mutants.length + 1) * plan.mutants.seeds.length : 0;
  return mutantRuns + (plan.starter ? 1 : 0) + (plan.seeds?.length ?? 0);
}

async function run(id: string, flags: Flags): Promise<number> {
  const milestoneDir = path.join(ASSIGNMENTS_DIR, id);
  const milestone = loadMilestone(milestoneDir);
  const checks = plan(milestone, milestoneDir, flags);
  const progress = startProgress({ title: id, unit: 'jest runs', total: jestRuns(checks), enabled: flags.progress });
  const onRunDone = (label: string): void => progress.step(label);
  const problems: string[] = [];
  const section = (title: string, text: string, found: readonly string[]): void =>
    progress.aside(() => {
      console.log(`\n== ${id}: ${title}\n${text}`);
      for (const problem of found) console.log(`  PROBLEM: ${problem}`);
      problems.push(...found);
    });
  try {
    if (checks.mutants) {
      const check = await checkMutants(milestone, milestoneDir, checks.mutants.mutants, checks.mutants.seeds, onRunDone);
      recordKilled(milestoneDir, loadMutants(milestoneDir, milestone), check);
      section('mutants', mutantsReport(check), check.problems);
    }
    if (checks.starter) {
      const check = await checkStarter(milestone, milestoneDir, onRunDone);
      section('starter', starterReport(check), check.problems);
    }
    if (checks.seeds) {
      const check = await checkSeeds(milestone, milestoneDir, checks.seeds, onRunDone);
      section('seeds', seedsReport(check), check.problems);
    }
  } finally {
    progress.stop();
  }
  console.log(problems.length === 0 ? `\n${id}: every check passed` : `\n${id}: ${problems.length} problem(s)`);
  return problems.length === 0 ? 0 : 1;
}

const program = new Command('npm run check:milestone --')
  .description("Check that a milestone's tests fail for the right reasons and pass on the reference.")
  .argument('<milestone>', 'the milestone folder under assignments/, e.g. m1-udp')
  .option('--mutants', 'every mutant of the reference is killed by the tests it names')
  .option('--starter', 'every test fails against the starter with a "not implemented" reason')
  .option('--seeds <range>', 'every test passes against the reference under each seed, e.g. 1-20')
  .option('--only <ids>', 'with --mutants: only these mutants (comma-separated ids)')
  .option('--mutant-seeds <range>', 'with --mutants: each mutant is killed under each of these seeds, e.g. 1-20 (default: seed 1)')
  .option('--no-progress', 'show no progress on stderr (on a terminal a bar with the time left, elsewhere a line per finished jest run)')
  .addHelpText('after', exitStatusHelp({ 0: 'every check passed', 1: 'a check found a problem (each is printed)', [USAGE_ERROR]: 'bad arguments, or a check could not run' }))
  .exitOverride(exitOnUsageError)
  .action(async (id: string, flags: Flags) => {
    process.exitCode = await run(id, flags);
  });

program.parseAsync(process.argv).catch(exitWithMessage(USAGE_ERROR));
