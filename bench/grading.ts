/**
 * What grading costs, with the reference stack as the submission:
 *
 * - `grade.seconds`: one whole grading (every milestone), as `npm run grade` does it, minus the
 *   command's own start-up;
 * - `grade.isolation_ratio`: the time of the same suites with each kernel in its own process (as
 *   graded) over their time with the kernels in jest's process (as in a student's `npm test`),
 *   both in this run, so that the ratio holds on any machine.
 *
 * The grading is run once and shared by both figures.
 */
import * as path from 'node:path';
import { grade } from '../grader/grade';
import type { Report } from '../grader/report';
import { runSuites } from '../grader/run-suites';
import type { FigureSource } from './figure-source';

interface Graded {
  readonly report: Report;
  readonly seconds: number;
}

let graded: Promise<Graded> | undefined;

async function gradeReference(): Promise<Graded> {
  const started = process.hrtime.bigint();
  const report = await grade({ submission: 'reference' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const unfinished = report.milestones.filter((milestone) => milestone.status !== 'passed');
  if (unfinished.length > 0) throw new Error(`the reference did not pass grading: ${unfinished.map((m) => `${m.id} ${m.status}${m.reason ? ` (${m.reason})` : ''}`).join('; ')}`);
  return { report, seconds };
}

/** The seconds the suites of every milestone take with the kernels in jest's process. */
async function inJudgeSeconds(report: Report): Promise<number> {
  let ms = 0;
  for (const milestone of report.milestones) {
    const run = await runSuites({
      testsDir: path.join(report.assignments, milestone.id, 'tests'),
      submissionDir: report.submission.path,
      seed: report.seed,
      limits: milestone.limits,
      isolated: false,
    });
    if (run.kind !== 'finished') throw new Error(`${milestone.id} did not finish without isolation: ${run.kind === 'crashed' ? run.reason : 'timeout'}`);
    ms += run.durationMs;
  }
  return ms / 1000;
}

export const gradeSeconds: FigureSource = {
  figure: 'grade.seconds',
  async measure() {
    const { seconds } = await (graded ??= gradeReference());
    return { figure: this.figure, value: Number(seconds.toFixed(1)), unit: 's' };
  },
};

export const isolationRatio: FigureSource = {
  figure: 'grade.isolation_ratio',
  async measure() {
    const { report } = await (graded ??= gradeReference());
    const isolated = report.milestones.reduce((sum, milestone) => sum + milestone.durationMs, 0) / 1000;
    const ratio = isolated / (await inJudgeSeconds(report));
    return { figure: this.figure, value: Number(ratio.toFixed(2)), unit: 'isolated/in-judge' };
  },
};
