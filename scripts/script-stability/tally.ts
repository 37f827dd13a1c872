/**
 * What the stability check prints: per script, how many runs passed, and for each failed run its
 * seed and the first lines of its report (enough to tell one cause from another).
 */

/** How many lines of a failure report the summary shows. */
const REPORT_LINES = 4;

/** One run of one script. */
export interface RunOutcome {
  readonly script: string;
  readonly seed: number;
  readonly passed: boolean;
  /** The failure report (or the error), when it did not pass. */
  readonly report?: string;
}

/** The first lines of a failed run's report, indented under its first. */
export function failureHead(outcome: RunOutcome): string {
  const head = (outcome.report ?? '').split('\n').filter((line) => line.trim() !== '').slice(0, REPORT_LINES);
  return head.join('\n      ');
}

/** The summary table, failures under their script; the last line says whether every run passed. */
export function tally(scripts: readonly string[], outcomes: readonly RunOutcome[]): string {
  const width = Math.max(...scripts.map((script) => script.length));
  const lines: string[] = [];
  for (const script of scripts) {
    const runs = outcomes.filter((outcome) => outcome.script === script);
    const passed = runs.filter((outcome) => outcome.passed).length;
    lines.push(`${script.padEnd(width)}  ${passed}/${runs.length}`);
    for (const failed of runs.filter((outcome) => !outcome.passed)) lines.push(`    seed ${failed.seed}: ${failureHead(failed)}`);
  }
  const failures = outcomes.filter((outcome) => !outcome.passed).length;
  lines.push(failures === 0 ? `every run passed (${outcomes.length} runs)` : `${failures} of ${outcomes.length} runs failed`);
  return lines.join('\n');
}
