/**
 * Which submission is graded, and a fingerprint of its contents, so that a report says exactly
 * which version of a student's folder earned its score.
 *
 * Every submission is staged (staging.ts): copied, as regular files only, into a private folder
 * right below this repository's root, beside harness/ (a stack imports `../harness/contract`), and
 * graded there; the copy is removed when the grader exits. A student repository (made by
 * `npm run export:student`, recognised by its `socklab.json`) holds its own copies of the harness
 * and the public tests: only its stack folder is staged, and graded with the grader's own harness.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { studentStackDir, submissionDir } from '../harness/loader';
import { UsageError } from './errors';
import { processAlive } from './process-group';
import type { MilestoneReport, SubmissionInfo } from './report';
import { readSubmission, writeStaged, type Staged } from './staging';

/** This repository's root, where harness/ is: a staged stack goes right below it. */
const ROOT = path.resolve(__dirname, '..');

/** A submission, staged: what the report says of it, and why it cannot be graded at all, if so. */
export interface StagedSubmission {
  readonly info: SubmissionInfo;
  /** The private copy that is graded; {@link unstage} removes it. */
  readonly stagedDir: string;
  readonly cannotGrade?: string;
}

/**
 * Resolve `reference`, `starter`, a path, or a student repository (or its stack folder) and stage
 * it; throws a UsageError only when there is no such folder. Whatever the folder holds, the result
 * is a staged copy, empty when the folder cannot be graded, with the reason.
 */
export function stageSubmission(which: string): StagedSubmission {
  const dir = submissionDir(which);
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`no submission folder at ${dir}`);
  let stack = dir;
  try {
    stack = studentStack(dir) ?? dir;
    return staging(which, stack, readSubmission(stack));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ...staging(which, stack, { files: [], refused: [] }), cannotGrade: `the submission cannot be staged for grading: ${reason}` };
  }
}

function staging(name: string, folder: string, files: Staged): StagedSubmission {
  return { info: { name, path: folder, contentHash: hashOf(files), refused: files.refused }, stagedDir: stage(files) };
}

/**
 * The stack folder when `dir` is a student repository or the stack folder of one; undefined for
 * any other folder. Throws the reason a student repository cannot be graded.
 */
function studentStack(dir: string): string | undefined {
  let stack: string | undefined;
  try {
    stack = studentStackDir(dir) ?? (studentStackDir(path.dirname(dir)) === dir ? dir : undefined);
  } catch (error) {
    throw new Error(`${dir} is not a valid student repository: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (stack !== undefined && !fs.lstatSync(stack, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`the student repository ${dir} has no stack folder at ${stack} (a folder, not a link)`);
  }
  return stack;
}

const staged = new Set<string>();
let exitHooked = false;

/**
 * Write `files` into a new private folder right below this repository's root. It is removed by
 * {@link unstage}, or when the grader exits, whichever comes first; a grader killed before either
 * leaves it, and the next grading removes it (its name holds the pid of the grader it was for).
 */
function stage(files: Staged): string {
  sweepLeftovers();
  const copy = fs.mkdtempSync(path.join(ROOT, `${STAGED_PREFIX}${process.pid}_`));
  // Hooked once per process: a batch stages hundreds of copies, one after another.
  if (!exitHooked) process.once('exit', () => staged.forEach(unstage));
  exitHooked = true;
  staged.add(copy);
  writeStaged(files, copy);
  return copy;
}

/** The name every staged copy starts with. */
export const STAGED_PREFIX = '.graded-stack-';

/** The pid of the grader a staged copy named `name` was made for; undefined for any other name. */
export function stagedCopyOwner(name: string): number | undefined {
  const owner = name.startsWith(STAGED_PREFIX) ? /^(\d+)_/.exec(name.slice(STAGED_PREFIX.length))?.[1] : undefined;
  return owner === undefined ? undefined : Number(owner);
}

/** Remove the staged copies of graders no longer alive. */
function sweepLeftovers(): void {
  for (const name of fs.readdirSync(ROOT)) {
    const owner = stagedCopyOwner(name);
    if (owner !== undefined && !processAlive(owner)) fs.rmSync(path.join(ROOT, name), { recursive: true, force: true });
  }
}

/** Remove a staged copy: grading is over. */
export function unstage(dir: string): void {
  staged.delete(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * `sha256:<hex>` over the staged files in sorted order, then what was refused. Each file
 * contributes its relative path and its length before its bytes, so that moving bytes from one
 * file to the next changes the hash; a refused file contributes its name and the reason.
 */
function hashOf({ files, refused }: Staged): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file.relative}\0${file.bytes.length}\0`);
    hash.update(file.bytes);
  }
  for (const refusal of refused) hash.update(`refused:${refusal.path}\0${refusal.reason}\0`);
  return `sha256:${hash.digest('hex')}`;
}

/** The hash {@link stageSubmission} gives a folder of regular files (`dir`). */
export function contentHash(dir: string): string {
  return hashOf(readSubmission(dir));
}

/** `milestone` with every message and reason naming the graded folder instead of the staged copy. */
export function withOriginalPaths(milestone: MilestoneReport, { stagedDir, info }: StagedSubmission): MilestoneReport {
  return withPathsRenamed(milestone, stagedDir, info.path);
}

/** `milestone` with the folder `from` named `to` in every message and reason (the folder moved, or is gone). */
export function withPathsRenamed(milestone: MilestoneReport, from: string, to: string): MilestoneReport {
  const renamed = (text: string): string => text.split(from).join(to);
  return {
    ...milestone,
    ...(milestone.reason === undefined ? {} : { reason: renamed(milestone.reason) }),
    ...(milestone.log === undefined ? {} : { log: renamed(milestone.log) }),
    tests: milestone.tests.map((test) => ({ ...test, message: renamed(test.message) })),
  };
}
