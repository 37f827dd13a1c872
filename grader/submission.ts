/**
 * Which submission is graded, and a fingerprint of its contents, so that a report says exactly
 * which version of a student's folder earned its score.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { submissionDir } from '../harness/loader';
import { UsageError } from './errors';
import { listFiles } from './files';
import type { SubmissionInfo } from './report';

/** Resolve `reference`, `starter` or a path; throws a UsageError when there is no such folder. */
export function describeSubmission(which: string): SubmissionInfo {
  const dir = submissionDir(which);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`no submission folder at ${dir}`);
  return { name: which, path: dir, contentHash: contentHash(dir) };
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
