/**
 * Helpers of the grader's own tests: the fixture submissions and the fixture milestone, grading
 * them in this process or through the `grader` command, and reading a report back.
 */
import execa from 'execa';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { submissionDir } from '../../harness/loader';
import { EXPORTS } from '../export';
import type { ExportFolders } from '../export/folders';
import { grade, type GradeOptions } from '../grade';
import type { Report } from '../report';

export const FIXTURES = path.join(__dirname, 'fixtures');
/** The fixture assignments folder: one milestone, m0-fixture (2 public tests, 1 hidden). */
export const ASSIGNMENTS = path.join(FIXTURES, 'assignments');
const BIN = path.join(__dirname, '..', 'bin', 'grader.js');

export const FIXTURE_NAMES = ['good', 'throws-in-create', 'throws-in-call', 'loops', 'exits', 'fake-report', 'compile-error'] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];

/**
 * The folder of a fixture submission. The compile-error fixture is kept as `index.ts.broken` (a
 * real syntax error under grader/ would break the repository's typecheck and lint) and is
 * materialised as `index.ts` in a temporary folder.
 */
export function fixture(name: FixtureName): string {
  // A working stack is the reference: a fixture stack, like any submission, may import only
  // harness/contract, and the fixture milestone asks for what any UDP stack does.
  if (name === 'good') return submissionDir('reference');
  const dir = path.join(FIXTURES, 'submissions', name);
  if (name !== 'compile-error') return dir;
  const copy = scratchDir('socklab-compile-error-');
  fs.copyFileSync(path.join(dir, 'index.ts.broken'), path.join(copy, 'index.ts'));
  return copy;
}

/** Grade a fixture against the fixture milestone, in this process. */
export function gradeFixture(name: FixtureName, options: Partial<GradeOptions> = {}): Promise<Report> {
  return grade({
    submission: fixture(name),
    assignmentsDir: ASSIGNMENTS,
    ...options,
  });
}

/** Run the `grader` command; never rejects, whatever its exit code. */
export function grader(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<execa.ExecaReturnValue> {
  return execa(process.execPath, [BIN, ...args], { reject: false, env });
}

/** The exports made for students (every one but the instructors' HTML report). */
export const STUDENT_FORMATS = (Object.keys(EXPORTS) as (keyof typeof EXPORTS)[]).filter((format) => EXPORTS[format].audience === 'students');

/** Where exports rendered in memory are made: the exports for students read no file. */
export const IN_MEMORY: ExportFolders = { reportDir: '.', outDir: '.' };

/** A fresh temporary folder. */
export function scratchDir(prefix = 'socklab-grader-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
