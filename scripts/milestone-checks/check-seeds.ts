/**
 * The seeds check (DESIGN.md §7, "the reference passes every test under many seeds"): the
 * milestone's whole suite against the reference, once per seed.
 */
import type { Milestone } from '../../grader/milestone';
import { REFERENCE_DIR } from '../starter/files';
import { CORES, mapLimited } from './parallel';
import { filesThatDidNotRun, firstLines, reportedTests, runJest, type OnRunDone } from './run-jest';

export interface SeedOutcome {
  readonly seed: number;
  readonly passed: number;
  /** One line per test that did not pass, and per file that could not run. */
  readonly failures: readonly string[];
}

export interface SeedsCheck {
  readonly outcomes: readonly SeedOutcome[];
  readonly problems: readonly string[];
}

/** Seeds from `a-b` (both included) or a single `n`. */
export function parseSeeds(text: string): number[] {
  const match = /^(-?\d+)(?:-(-?\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`seeds must be "a-b" or "n", got "${text}"`);
  const first = Number(match[1]);
  const last = match[2] === undefined ? first : Number(match[2]);
  if (last < first) throw new Error(`the seed range ${text} is empty`);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

export async function checkSeeds(milestone: Milestone, milestoneDir: string, seeds: readonly number[], onRunDone?: OnRunDone): Promise<SeedsCheck> {
  const outcomes = await mapLimited(seeds, CORES, async (seed): Promise<SeedOutcome> => {
    const results = await runJest({ milestone, milestoneDir, submissionDir: REFERENCE_DIR, seed });
    onRunDone?.(`reference, seed ${seed}`);
    const tests = reportedTests(results, milestoneDir);
    const failures = [
      ...filesThatDidNotRun(results, milestoneDir).map((file) => `could not run: ${file}`),
      ...tests.filter((test) => test.status !== 'passed').map((test) => `${test.file} > ${test.fullName}: ${test.status} ${firstLines(test.failureMessages[0] ?? '')}`),
    ];
    return { seed, passed: tests.filter((test) => test.status === 'passed').length, failures };
  });
  const problems = outcomes.flatMap((outcome) => [
    ...outcome.failures.map((failure) => `seed ${outcome.seed}: ${failure}`),
    ...(outcome.failures.length === 0 && outcome.passed !== milestone.tests.length
      ? [`seed ${outcome.seed}: ${outcome.passed} tests passed, milestone.json lists ${milestone.tests.length}`]
      : []),
  ]);
  return { outcomes, problems };
}
