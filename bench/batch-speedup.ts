/**
 * `batch.speedup`: how much faster `grader batch` grades a class with its default number of
 * gradings at once (defaultJobs: one per core, plus one) than with one at a time, both in this run: a class of 30 (copies of the reference, the starter and
 * stacks with bugs, some zipped; grader/tests/batch/fixture-class.ts) against the grader's fixture
 * milestone. Issue 18's target on two cores: at least 1.8.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultJobs, runBatch } from '../grader/batch/run-batch';
import { writeFixtureClass } from '../grader/tests/batch/fixture-class';
import { ASSIGNMENTS } from '../grader/tests/helpers';
import type { FigureSource } from './figure-source';

const CLASS_SIZE = 30;

/** Seconds to grade the class in `classDir` into a new folder, `jobs` at a time. */
async function batchSeconds(classDir: string, outDir: string, jobs: number): Promise<number> {
  const started = process.hrtime.bigint();
  const { entries } = await runBatch({ classDir, outDir, jobs, formats: ['json'], assignmentsDir: ASSIGNMENTS });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const ungraded = entries.filter((entry) => !entry.report);
  if (ungraded.length > 0) throw new Error(`the batch did not grade ${ungraded.map((entry) => `${entry.name} (${entry.error})`).join(', ')}`);
  return seconds;
}

export const batchSpeedup: FigureSource = {
  figure: 'batch.speedup',
  async measure() {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'socklab-bench-batch-'));
    try {
      const classDir = path.join(scratch, 'class');
      writeFixtureClass(classDir, CLASS_SIZE);
      const oneAtATime = await batchSeconds(classDir, path.join(scratch, 'one-at-a-time'), 1);
      const jobs = defaultJobs();
      const atOnce = await batchSeconds(classDir, path.join(scratch, 'at-once'), jobs);
      return { figure: this.figure, value: Number((oneAtATime / atOnce).toFixed(2)), unit: `one-at-a-time/${jobs}-at-once-on-${os.availableParallelism()}-cores` };
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  },
};
