/**
 * A step of the student repository's autograding workflow, run here as GitHub Actions runs a `run:`
 * step on Linux (`bash -e`, in the workspace, with the runner's variables), so that a test runs
 * the workflow's own scripts rather than a copy of them.
 */
import execa from 'execa';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ClassroomResult } from '../../harness/jest-run/classroom-result';
import { studentEnv } from './student-shell';

/** The folders of a job: `workspace`, the checked-out repository; `temp`, the runner's temporary folder ($RUNNER_TEMP). */
export interface JobFolders {
  readonly workspace: string;
  readonly temp: string;
}

/** `$GITHUB_OUTPUT` of the job: where steps write their outputs. */
const outputFile = (job: JobFolders): string => path.join(job.temp, 'github-output');

/** Run one step's `script` in `job`, from a student's environment; never rejects. */
export function runStep(script: string, job: JobFolders, timeout: number): Promise<execa.ExecaReturnValue> {
  const env = { ...studentEnv(), GITHUB_WORKSPACE: job.workspace, RUNNER_TEMP: job.temp, GITHUB_OUTPUT: outputFile(job) };
  return execa('bash', ['-e', '-c', script], { cwd: job.workspace, env, extendEnv: false, reject: false, all: true, timeout });
}

/** The runner result a step handed to the grading reporter as its `result` output, decoded; undefined when there is none. */
export function reportedResult(job: JobFolders): ClassroomResult | undefined {
  const outputs = fs.existsSync(outputFile(job)) ? fs.readFileSync(outputFile(job), 'utf8') : '';
  const encoded = /^result=(.*)$/m.exec(outputs)?.[1];
  return encoded ? (JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as ClassroomResult) : undefined;
}
