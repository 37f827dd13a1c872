/**
 * One script file, start to end: read, parse, run on the chosen stack, and report. The CLI and
 * the jest helper both come here, so a script fails the same way in both.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BackendFactory } from './backend';
import { parseScript } from './language/parser';
import { scriptReport } from './runner/report';
import { runScript } from './runner/runner';
import { selectBackend } from './select-backend';
import { formatSeconds } from './runner/timing';

/** How a script file did: passed or not, and what to print. */
export interface FileResult {
  readonly passed: boolean;
  /** One line when it passed; the failure report (with evidence) when it failed. */
  readonly report: string;
  /** Failed after the harness itself injected a packet late (a busy machine): worth one more run. */
  readonly harnessLate?: boolean;
}

export interface FileRunOptions {
  /** The stack under test: `reference`, `starter`, a folder (or `linux`). */
  readonly stack: string;
  readonly seed: number;
  /** The backend, when not the one `stack` selects (tests of the runner use fake kernels). */
  readonly backend?: BackendFactory;
  /** The file and name the pcap's path is derived from (default: the script, and the seed). */
  readonly artifactFile?: string;
  readonly artifactName?: string;
}

/**
 * Run the script in `file`. Throws ScriptSyntaxError when it does not parse, and UsageError when
 * the stack cannot be loaded; a run that fails is a result, not an error.
 */
export async function runScriptFile(file: string, options: FileRunOptions): Promise<FileResult> {
  const relative = path.relative(process.cwd(), file);
  const shown = relative === '' || relative.startsWith('..') ? path.resolve(file) : relative;
  const script = parseScript(fs.readFileSync(file, 'utf8'), shown);
  const run = await runScript(script, { seed: options.seed, backend: options.backend ?? selectBackend(options.stack) });
  if (!run.failure) {
    return { passed: true, report: `${shown}: passed on ${options.stack} (${script.events.length} lines, ${formatSeconds(run.evidence.nowUs)}, seed ${options.seed})` };
  }
  const report = scriptReport(
    { ...run, failure: run.failure },
    { script: shown, stack: options.stack, seed: options.seed, artifactFile: options.artifactFile ?? file, artifactName: options.artifactName ?? `seed-${options.seed}` },
  );
  return { passed: false, report, ...(run.harnessLate ? { harnessLate: true } : {}) };
}
