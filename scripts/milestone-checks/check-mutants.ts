/**
 * The mutation check (DESIGN.md §7, "a test must be able to fail"): each mutant of the reference
 * must make every test it names fail. A control run first checks that the same tests pass on an
 * unmutated copy made the same way, so that a kill is the mutant's doing and not the copy's.
 */
import type { JestResults } from '../../harness/jest-run/jest-results';
import type { Milestone } from '../../grader/milestone';
import { stageSubmission, unstage } from '../../grader/submission';
import { DEFAULT_SEED } from '../../harness/sim/rng';
import { referenceCopy } from './mutant-copy';
import { loadMutants, resolveKillers, type Killer, type Mutant } from './mutants-file';
import { CORES, mapLimited } from './parallel';
import { firstLines, reportedTests, runJest, type JestRunRequest, type OnRunDone, type ReportedTest } from './run-jest';
import { exactly } from './test-names';

/** What became of one killer on one run. */
export interface KillerOutcome {
  readonly killer: string;
  readonly failed: boolean;
  /** The first lines of its failure, or why it did not fail. */
  readonly detail: string;
}

/** What one run of killers gave: each killer's fate, or why the run could not be made. */
interface RunOutcome {
  readonly killers: readonly KillerOutcome[];
  readonly error?: string;
}

export interface MutantOutcome extends RunOutcome {
  readonly mutant: Mutant;
  readonly seed: number;
}

export interface MutantsCheck {
  readonly outcomes: readonly MutantOutcome[];
  /** One sentence per thing wrong: a surviving mutant, a killer failing on the control copy, ... */
  readonly problems: readonly string[];
  /** The unmutated copy failed a killer or could not run: no kill of this check proves anything. */
  readonly controlFailed: boolean;
}

/**
 * Check `mutants` (all of the milestone's mutants.json unless given) under each of `seeds`: a
 * mutant is killed only if every test it names fails under every seed, so that a broken behaviour
 * loses its points whichever seed grading draws.
 */
export async function checkMutants(
  milestone: Milestone,
  milestoneDir: string,
  mutants: readonly Mutant[] = loadMutants(milestoneDir, milestone),
  seeds: readonly number[] = [DEFAULT_SEED],
  onRunDone?: OnRunDone,
): Promise<MutantsCheck> {
  const killers = new Map(mutants.map((mutant) => [mutant.id, resolveKillers(mutant, milestone)]));
  const allKillers = dedupe([...killers.values()].flat());
  const jobs = seeds.flatMap((seed) => [undefined, ...mutants].map((mutant) => ({ mutant, seed })));
  const underSeed = (seed: number): string => (seeds.length > 1 ? ` (seed ${seed})` : '');
  const runs = await mapLimited(jobs, CORES, async ({ mutant, seed }) => {
    const run = await runKillers(milestone, milestoneDir, mutant, mutant ? killers.get(mutant.id)! : allKillers, seed);
    onRunDone?.(`${mutant ? `mutant ${mutant.id}` : 'control run'}${underSeed(seed)}`);
    return run;
  });
  const controls = jobs.flatMap((job, i) => (job.mutant ? [] : [{ seed: job.seed, ...runs[i]! }]));
  const outcomes = jobs.flatMap((job, i): MutantOutcome[] => (job.mutant ? [{ mutant: job.mutant, seed: job.seed, ...runs[i]! }] : []));
  const problems = [
    ...controls.flatMap((control) => [
      ...(control.error ? [`control run (unmutated copy)${underSeed(control.seed)}: ${control.error}`] : []),
      ...control.killers.filter((k) => k.failed).map((k) => `control run${underSeed(control.seed)}: "${k.killer}" fails on the unmutated reference: ${k.detail}`),
    ]),
    ...outcomes.flatMap((outcome) =>
      outcome.error
        ? [`mutant ${outcome.mutant.id}${underSeed(outcome.seed)}: ${outcome.error}`]
        : outcome.killers.filter((k) => !k.failed).map((k) => `mutant ${outcome.mutant.id} survived "${k.killer}"${underSeed(outcome.seed)}: ${k.detail}`),
    ),
  ];
  const controlFailed = controls.some((control) => control.error !== undefined || control.killers.some((k) => k.failed));
  return { outcomes, problems, controlFailed };
}

/** Run `killers` under `seed` against a copy of the reference with `mutant` applied (none: the control). */
async function runKillers(milestone: Milestone, milestoneDir: string, mutant: Mutant | undefined, killers: readonly Killer[], seed: number): Promise<RunOutcome> {
  try {
    const names = killers.flatMap((killer) => (killer.kind === 'test' ? [killer.name] : []));
    const wholeFiles = killers.some((killer) => killer.kind === 'file');
    const request = {
      milestone,
      milestoneDir,
      submissionDir: referenceCopy(mutant),
      seed,
      files: [...new Set(killers.map((killer) => killer.file))],
      ...(wholeFiles ? {} : { testNamePattern: exactly(names) }),
    };
    // A mutant that loops, or fills memory, takes jest's process down with it when the stack runs
    // there: it runs as grading runs it, in a process of its own, where that is a failed test with
    // its reason. One marked so goes there at once; any other that crashed jest, again.
    const results = mutant?.isolated ? await runIsolated(request) : await runJest(request).catch(() => runIsolated(request));
    const reported = reportedTests(results, milestoneDir);
    return { killers: killers.map((killer) => outcomeOf(killer, reported)) };
  } catch (error) {
    return { killers: [], error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * `request` with the stack in a locked-down kernel process, as graded. That process reads only its
 * stack's folder and the harness, so the copy is staged as the grader stages a submission.
 */
async function runIsolated(request: JestRunRequest): Promise<JestResults> {
  const staged = stageSubmission(request.submissionDir);
  try {
    if (staged.cannotGrade) throw new Error(staged.cannotGrade);
    return await runJest({ ...request, submissionDir: staged.stagedDir, isolated: true });
  } finally {
    unstage(staged.stagedDir);
  }
}

function outcomeOf(killer: Killer, reported: readonly ReportedTest[]): KillerOutcome {
  if (killer.kind === 'test') {
    const test = reported.find((r) => r.file === killer.file && r.fullName === killer.name);
    if (!test) return { killer: killer.name, failed: false, detail: 'it did not run' };
    const failure = test.failureMessages[0];
    return { killer: killer.name, failed: test.status === 'failed', detail: failure ? firstLines(failure) : test.status };
  }
  const failed = reported.filter((r) => r.file === killer.file && r.status === 'failed');
  const first = failed[0];
  return first
    ? { killer: killer.file, failed: true, detail: `${first.fullName}: ${firstLines(first.failureMessages[0] ?? '')}` }
    : { killer: killer.file, failed: false, detail: 'every test of the file passed' };
}

function dedupe(killers: readonly Killer[]): Killer[] {
  const seen = new Map(killers.map((killer) => [killer.kind === 'test' ? `${killer.file} > ${killer.name}` : killer.file, killer]));
  return [...seen.values()];
}
