/**
 * Figures a test measured (a flow's goodput), for the grader's report and the Gradescope
 * leaderboard. A test records one only once its checks have passed: the figure of a stack the
 * tests rejected would rank what they rejected. The grader names the file the figures go to in
 * SOCKLAB_FIGURES_FILE (a file of its own, outside anything the stack under test can reach); in a
 * student's `npm test` the variable is unset and nothing is written.
 */
import * as fs from 'node:fs';

/** The environment variable that names the figures file; the grader sets it. */
export const FIGURES_FILE_VARIABLE = 'SOCKLAB_FIGURES_FILE';

/** One measured figure: `goodput at 1% loss`, 6.71, `Mbit/s`. */
export interface MeasuredFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

/** Append `figure` to the figures file, when the grader asked for one. */
export function recordFigure(figure: MeasuredFigure, env: NodeJS.ProcessEnv = process.env): void {
  const file = env[FIGURES_FILE_VARIABLE];
  if (!file) return;
  if (!Number.isFinite(figure.value)) throw new RangeError(`figure ${figure.name} must be a finite number, got ${figure.value}`);
  fs.appendFileSync(file, `${JSON.stringify(figure)}\n`);
}
