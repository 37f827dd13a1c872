/**
 * A run's failures, sorted into the stubs they reached and the rest. A stub is reached when a
 * test fails with the starter's NotImplemented ("not implemented (m1: what)"); its site is the
 * first frame in the stack folder. Anything else is the student's own code failing (or the test
 * catching a wrong answer): its site, when it has one, is likewise the first frame in the stack.
 */
import * as path from 'node:path';
import { pathInside } from '../loader/path-inside';
import { framesOf, type Frame } from './stack-frames';

/** The part of jest's aggregated results read here (jest's AggregatedResult has it). */
export interface RunResults {
  readonly testResults: readonly FileResult[];
}

export interface FileResult {
  readonly testFilePath: string;
  /** Why the file could not run at all (it did not compile, a hook threw). */
  readonly testExecError?: { readonly message: string; readonly stack?: string | null } | null;
  readonly testResults: readonly TestResult[];
}

export interface TestResult {
  readonly status: string;
  readonly fullName: string;
  readonly failureMessages: readonly string[];
}

/** A place in the student's stack: its file relative to the stack folder, the line, the function. */
export interface StackSite {
  readonly file: string;
  readonly line: number;
  readonly fn: string | undefined;
}

/** One failure, told apart by what it reached. */
export type Failure =
  | { readonly kind: 'stub'; readonly milestone: string; readonly what: string; readonly site: StackSite | undefined }
  | { readonly kind: 'other'; readonly test: string; readonly message: string; readonly site: StackSite | undefined };

const NOT_IMPLEMENTED = /not implemented \((m\d+): (.*)\)/;

/** Every failure of `results`, in their order; a file that could not run counts as one, named by its path. */
export function failuresOf(results: RunResults, stackDir: string, rootDir: string): Failure[] {
  return results.testResults.flatMap((file) => {
    const failed = file.testResults.filter((test) => test.status === 'failed');
    const fileError = file.testExecError;
    if (failed.length === 0 && fileError) {
      return [classify(path.relative(rootDir, file.testFilePath), fileError.stack ?? fileError.message, stackDir)];
    }
    return failed.map((test) => classify(test.fullName, test.failureMessages.join('\n'), stackDir));
  });
}

function classify(test: string, text: string, stackDir: string): Failure {
  const site = stackSite(framesOf(text), stackDir);
  const stub = NOT_IMPLEMENTED.exec(text);
  if (stub) return { kind: 'stub', milestone: stub[1] ?? '', what: stub[2] ?? '', site };
  return { kind: 'other', test, message: firstLine(text), site };
}

/** The first frame inside `stackDir`, relative to it. */
function stackSite(frames: readonly Frame[], stackDir: string): StackSite | undefined {
  for (const frame of frames) {
    const file = pathInside(stackDir, frame.file);
    if (file !== undefined) return { file: file.split(path.sep).join('/'), line: frame.line, fn: frame.fn };
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
}
