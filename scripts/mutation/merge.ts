/**
 * One milestone's record from runs of a few files each. Stryker writes, after a run, a report of
 * only the files that run mutated, and numbers the tests in it afresh; the committed record keeps
 * every file's mutants, so a run of some files replaces those files' entries and renumbers the
 * tests that the other files' mutants name. Running file by file keeps each finished file's
 * results when a long run is stopped.
 */
import type { schema } from '@stryker-mutator/api/core' with { 'resolution-mode': 'import' };

/** A test as both reports can name it: its file and full name (Stryker's ids are per report). */
function testKeys(report: schema.MutationTestResult): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [file, { tests }] of Object.entries(report.testFiles ?? {})) {
    for (const test of tests) keys.set(test.id, `${file}\0${test.name}`);
  }
  return keys;
}

/**
 * `previous` with the files of `fresh` (a run of some files) replaced by fresh's entries, and the
 * tests of fresh (the current suites); files no longer in `mutated` (the milestone's list, as the
 * report names them) are dropped. Tests gone from the suites drop out of the kept mutants'
 * `coveredBy` and `killedBy`.
 */
export function mergeReports(
  previous: schema.MutationTestResult | undefined,
  fresh: schema.MutationTestResult,
  mutated: readonly string[],
): schema.MutationTestResult {
  if (!previous) return withShortReasons(fresh);
  const oldKeys = testKeys(previous);
  const newIds = new Map([...testKeys(fresh)].map(([id, key]) => [key, id]));
  const renumber = (ids: string[] | undefined) =>
    ids?.flatMap((id) => {
      const key = oldKeys.get(id);
      const newId = key === undefined ? undefined : newIds.get(key);
      return newId === undefined ? [] : [newId];
    });
  const kept = Object.entries(previous.files)
    .filter(([file]) => mutated.includes(file) && !(file in fresh.files))
    .map(([file, result]) => [
      file,
      {
        ...result,
        mutants: result.mutants.map((mutant) => ({ ...mutant, coveredBy: renumber(mutant.coveredBy), killedBy: renumber(mutant.killedBy) })),
      },
    ]);
  return withShortReasons({ ...fresh, files: { ...Object.fromEntries(kept), ...fresh.files } });
}

/**
 * `report` with each mutant's statusReason cut to its first line: a killed mutant's reason is the
 * whole failure report of the test that killed it (ladder diagram, stack), which made the record
 * megabytes of text nobody reads; its first line says what failed.
 */
function withShortReasons(report: schema.MutationTestResult): schema.MutationTestResult {
  const files = Object.entries(report.files).map(([file, result]) => [
    file,
    { ...result, mutants: result.mutants.map((mutant) => (mutant.statusReason === undefined ? mutant : { ...mutant, statusReason: mutant.statusReason.split('\n')[0]! })) },
  ]);
  return { ...report, files: Object.fromEntries(files) };
}
