/**
 * The environment of the child process that runs a milestone's suites. It is built from nothing
 * rather than inherited: the grader's own environment (tokens, NODE_OPTIONS, a developer's
 * SOCKLAB_SEED) must reach neither the tests nor the submission.
 *
 * This is the one place to change what the child is told, including that the submission's kernel
 * runs in its own process under Node's permission model.
 */
import { EVIDENCE_BASE_VARIABLE } from '../harness/checks/evidence';
import { ISOLATE_VARIABLE } from '../harness/port/isolation';
import { FIGURES_FILE_VARIABLE } from '../harness/testkit/figures';

export interface ChildEnvOptions {
  /** The absolute folder of the stack under test. */
  readonly submissionDir: string;
  readonly seed: number;
  /** The V8 heap limit of every Node process of the run (jest and its workers). */
  readonly memoryMb: number;
  /**
   * Whether the submission's kernels run in their own locked-down processes. Grading always
   * isolates; only the benchmark that prices isolation runs the same suites without it.
   */
  readonly isolated: boolean;
  /** Where the tests append the figures they measured (harness/testkit/figures.ts), if anywhere. */
  readonly figuresFile?: string;
  /** The absolute folder whose `artifacts/` gets the evidence of failures (default: the repository's). */
  readonly evidenceBase?: string;
}

/** Only what a Node process needs to find its tools and a temporary folder. */
const PASSED_THROUGH = ['PATH', 'HOME', 'TMPDIR'] as const;

/** The child's whole environment: a few variables passed through, and what the run is about. */
export function childEnv(options: ChildEnvOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of PASSED_THROUGH) if (process.env[name] !== undefined) env[name] = process.env[name];
  return {
    ...env,
    SOCKLAB_SUBMISSION: options.submissionDir,
    SOCKLAB_SEED: String(options.seed),
    // The submission's kernel runs in its own locked-down process, never in the judge's realm.
    ...(options.isolated ? { [ISOLATE_VARIABLE]: '1' } : {}),
    ...(options.figuresFile === undefined ? {} : { [FIGURES_FILE_VARIABLE]: options.figuresFile }),
    ...(options.evidenceBase === undefined ? {} : { [EVIDENCE_BASE_VARIABLE]: options.evidenceBase }),
    CI: 'true',
    // Plain text in failure messages, whatever terminal the grader runs in.
    FORCE_COLOR: '0',
    // One time zone for any date a message might print, so reports do not depend on the machine.
    TZ: 'UTC',
    NODE_OPTIONS: `--max-old-space-size=${options.memoryMb}`,
  };
}
