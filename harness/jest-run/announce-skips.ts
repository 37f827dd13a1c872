/**
 * Said once, at the start of a run, before any test output: which tests skip on this machine,
 * and why. Each skipped suite's name carries the cause too, but jest prints no names of a run of
 * many files, and nothing at all of a file whose tests were all skipped.
 */
import type { SkipCondition } from './skip-condition';
import { filesCalling, testFiles, type ProjectFolders } from './suite-files';

/** Suites named per cause; the rest are counted. */
const MAX_SUITES_NAMED = 3;

/** Print one line per condition that holds here and skips a suite of `project`, naming the suites. */
export function announceSkips(conditions: readonly SkipCondition[], project: ProjectFolders): void {
  const holding = conditions.flatMap((condition) => {
    const cause = condition.cause();
    return cause === undefined ? [] : [{ condition, cause }];
  });
  // The test files are read only when something skips: on most machines nothing does.
  const files = holding.length > 0 ? testFiles(project) : [];
  const lines = holding.flatMap(({ condition, cause }) => {
    const suites = filesCalling(files, condition.calls);
    return suites.length > 0 ? [skipLine(condition.what, cause, suites)] : [];
  });
  if (lines.length > 0) process.stderr.write(`\n${lines.join('\n')}\n\n`);
}

/** `skipped here: TUN bridge tests (a.test.ts, b.test.ts and 4 more): <cause>`. */
export function skipLine(what: string, cause: string, suites: readonly string[]): string {
  const named = suites.slice(0, MAX_SUITES_NAMED).join(', ');
  const more = suites.length > MAX_SUITES_NAMED ? ` and ${suites.length - MAX_SUITES_NAMED} more` : '';
  return `skipped here: ${what} (${named}${more}): ${cause}`;
}
