/**
 * `grader batch CLASS_DIR`: the command's action. Progress on stderr, one step per finished
 * submission with the time left; the class summary's path at the end.
 */
import * as path from 'node:path';
import type { Format } from '../export';
import { startProgress, type Progress } from '../progress';
import { runBatch } from './run-batch';
import { submissionStatus } from './class-entry';

export interface BatchFlags {
  readonly out: string;
  readonly jobs?: number;
  readonly regrade?: boolean;
  readonly format: Format[];
  readonly milestones?: string[];
  readonly seed?: number;
  readonly assignments?: string;
  readonly timeLimit?: number;
  readonly memoryLimit?: number;
  readonly progress: boolean;
}

export async function batchCommand(classDir: string, flags: BatchFlags): Promise<void> {
  let progress: Progress | undefined;
  try {
    const { entries } = await runBatch({
      classDir,
      outDir: flags.out,
      jobs: flags.jobs,
      regrade: flags.regrade,
      formats: flags.format,
      milestones: flags.milestones,
      seed: flags.seed,
      assignmentsDir: flags.assignments,
      timeLimitSeconds: flags.timeLimit,
      memoryMb: flags.memoryLimit,
      onStart: ({ toGrade, kept, ignored, interrupted }) => {
        const notes = [
          `${toGrade.length} submissions to grade`,
          ...(kept.length > 0 ? [`${kept.length} already graded in ${flags.out} (kept; --regrade grades them again)`] : []),
          ...(interrupted > 0 ? [`${interrupted} gradings an interrupted run left unfinished, redone`] : []),
          ...ignored.map((entry) => `ignored ${entry}`),
        ];
        process.stderr.write(`${notes.join('\n')}\n`);
        progress = startProgress({ title: 'batch', unit: 'submissions', total: toGrade.length, enabled: flags.progress });
      },
      onGraded: (entry) => progress?.step(entry.report ? `${entry.name} ${entry.report.score}/${entry.report.maxScore} ${submissionStatus(entry.report)}` : `${entry.name} not graded: ${entry.error}`),
    });
    progress?.stop();
    const graded = entries.filter((entry) => entry.report).length;
    process.stderr.write(`${graded} of ${entries.length} submissions graded\nclass summary: ${path.join(flags.out, 'class.csv')}\nclass overview: ${path.join(flags.out, 'class.html')}\n`);
  } finally {
    progress?.stop();
  }
}
