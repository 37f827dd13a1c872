/**
 * Which submission is graded, and a fingerprint of its contents, so that a report says exactly
 * which version of a student's folder earned its score.
 *
 * A student repository (made by `npm run export:student`, recognised by its `socklab.json`) holds
 * its own copies of the harness and the public tests. Only its stack folder is graded, and with
 * the grader's own harness: the stack imports `../harness/contract`, so it is copied to a folder
 * beside this repository's harness/ and graded there, and the copy is removed when the grader exits.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { studentStackDir, submissionDir } from '../harness/loader';
import { UsageError } from './errors';
import { listFiles } from './files';
import type { SubmissionInfo } from './report';

/** This repository's root, where harness/ is: a staged stack goes right below it. */
const ROOT = path.resolve(__dirname, '..');

/**
 * Resolve `reference`, `starter`, a path, or a student repository (or its stack folder); throws a
 * UsageError when there is no such folder. For a student repository, `path` is the staged copy of
 * its stack that is graded, and `contentHash` is that of the stack folder itself.
 */
export function describeSubmission(which: string): SubmissionInfo {
  const dir = submissionDir(which);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`no submission folder at ${dir}`);
  const stack = studentStack(dir);
  if (stack === undefined) return { name: which, path: dir, contentHash: contentHash(dir) };
  return { name: which, path: stage(stack), contentHash: contentHash(stack) };
}

/**
 * The stack folder when `dir` is a student repository or the stack folder of one; undefined for
 * any other folder.
 */
function studentStack(dir: string): string | undefined {
  let stack: string | undefined;
  try {
    stack = studentStackDir(dir) ?? (studentStackDir(path.dirname(dir)) === dir ? dir : undefined);
  } catch (error) {
    throw new UsageError(`${dir} is not a valid student repository: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (stack !== undefined && !fs.lstatSync(stack, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`the student repository ${dir} has no stack folder at ${stack}`);
  }
  return stack;
}

const staged = new Set<string>();

/**
 * A copy of the stack folder right below this repository's root. Only regular files are copied: a
 * symbolic link could point at the grader's own files (the reference's, say).
 */
function stage(stack: string): string {
  const copy = fs.mkdtempSync(path.join(ROOT, '.graded-stack-'));
  if (staged.size === 0) process.once('exit', () => staged.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  staged.add(copy);
  for (const file of listFiles(stack)) {
    if (file.symlink) continue;
    const target = path.join(copy, file.relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file.absolute, target);
  }
  return copy;
}

/**
 * `sha256:<hex>` over the folder's files in sorted order (see files.ts for what is skipped). Each
 * file contributes its relative path and its length before its bytes, so that moving bytes from
 * one file to the next changes the hash; a symbolic link contributes its target, never the file
 * it points to.
 */
export function contentHash(dir: string): string {
  const hash = createHash('sha256');
  for (const file of listFiles(dir)) {
    const bytes = file.symlink ? Buffer.from(`symlink:${fs.readlinkSync(file.absolute)}`) : fs.readFileSync(file.absolute);
    hash.update(`${file.relative}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return `sha256:${hash.digest('hex')}`;
}
