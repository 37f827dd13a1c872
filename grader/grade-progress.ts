/**
 * Grading's progress, by test file over every milestone graded: a file is finished when the result
 * log holds every test milestone.json lists for it, or the file's failure to run. When a milestone
 * ends, its files still unfinished (it timed out, crashed, or could not run) count as finished.
 * Hidden test files go unnamed, as everywhere a student may look.
 */
import * as path from 'node:path';
import type { GradeOptions } from './grade';
import type { JestResults } from '../harness/jest-run/jest-results';
import { visibilityOf, type Milestone } from './milestone';
import type { MilestoneReport } from './report';
import { NO_PROGRESS, startProgress, type Progress } from './progress';

/** The hooks of {@link GradeOptions} that show the progress; `stop` when grading ends, however it ends. */
export type GradeProgress = Required<Pick<GradeOptions, 'onStart' | 'onResults' | 'onMilestone'>> & { stop(): void };

/**
 * Show grading's progress on stderr (see progress.ts), unless `enabled` is false; `onMilestone`
 * prints the line of each finished milestone, out of the bar's way.
 */
export function gradeProgress(enabled: boolean, onMilestone: (milestone: MilestoneReport) => void): GradeProgress {
  let progress: Progress = NO_PROGRESS;
  /** Per milestone id: how many tests each of its files has, by path relative to `tests/`. */
  const expected = new Map<string, Map<string, number>>();
  /** `m1-udp/public/bind.test.ts` once that file is finished. */
  const finished = new Set<string>();
  const hidden = new Set<string>();
  const unfinished = (id: string): string[] => [...(expected.get(id)?.keys() ?? [])].filter((file) => !finished.has(`${id}/${file}`));
  return {
    onStart: (milestones) => {
      for (const milestone of milestones) {
        expected.set(milestone.id, testsPerFile(milestone));
        for (const test of milestone.tests) if (visibilityOf(test) === 'hidden') hidden.add(`${milestone.id}/${test.file}`);
      }
      const total = [...expected.values()].reduce((sum, files) => sum + files.size, 0);
      progress = startProgress({ title: 'grading', unit: 'test files', total, enabled });
    },
    onResults: (milestone, testsDir, soFar) => {
      const done = new Set(finishedFiles(soFar, testsDir, expected.get(milestone.id) ?? new Map()));
      for (const file of unfinished(milestone.id).filter((file) => done.has(file))) {
        finished.add(`${milestone.id}/${file}`);
        progress.step(`${milestone.id} ${hidden.has(`${milestone.id}/${file}`) ? 'a hidden test file' : file}`);
      }
    },
    onMilestone: (report) => {
      const left = unfinished(report.id);
      for (const file of left) finished.add(`${report.id}/${file}`);
      if (left.length > 0) progress.step(`${report.id} ended (${report.status})`, left.length);
      progress.aside(() => onMilestone(report));
    },
    stop: () => progress.stop(),
  };
}

function testsPerFile(milestone: Milestone): Map<string, number> {
  const counts = new Map<string, number>();
  for (const test of milestone.tests) counts.set(test.file, (counts.get(test.file) ?? 0) + 1);
  return counts;
}

/** The files of `soFar` with every expected test reported, or that could not run; relative to `testsDir`. */
function finishedFiles(soFar: JestResults, testsDir: string, expected: ReadonlyMap<string, number>): string[] {
  return soFar.testResults
    .map((file) => ({ file, relative: path.relative(testsDir, file.name).split(path.sep).join('/') }))
    .filter(({ file, relative }) => file.message !== '' || file.assertionResults.length >= (expected.get(relative) ?? Infinity))
    .map(({ relative }) => relative);
}
