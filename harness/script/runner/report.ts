/**
 * The failure report of a script: where it failed (file:line and the line's text), what the line
 * expected and what happened, the fields that differ — then the evidence every failing network
 * test leaves (checks/evidence.ts): seed and rerun command, virtual time, pcap, ladder.
 *
 *     handshake.pkt:8: wrong packet
 *          8 | +0 > S. 0:0(0) ack 1 win 65535 <mss 1460>
 *       expected: > S. 0:0(0) ack 1 win 65535 <mss 1460>   at 0.100 s (±4 ms)
 *       actual:   > S. 0:0(0) ack 1 win 64240 <mss 1460>   at 0.100 s
 *                 10.0.0.1:8080 > 10.0.0.2:5000: Flags [S.], seq 0, ack 1, win 64240, ...
 *       differs:  win is 64240, expected 65535
 */
import { saveEvidence, shellQuote, type FailedRun } from '../../checks/evidence';
import { isRepositoryStack } from '../../loader';
import type { Failure } from './failure';
import type { ScriptRun } from './runner';
import { formatSeconds } from './timing';

/** Where a failed run's pcap goes and how the report names the run. */
export interface ReportContext {
  /** The script file, as the report names it (relative to the working directory, so the rerun command works). */
  readonly script: string;
  /** The stack under test: `reference`, `starter`, or a path. */
  readonly stack: string;
  readonly seed: number;
  /** The file the artifact path is derived from (the script, or the jest file that ran it). */
  readonly artifactFile: string;
  /** The name the artifact path is derived from. */
  readonly artifactName: string;
}

/** `text` as a shell word: as is when it is safe, else quoted. */
function shellWord(text: string): string {
  return /^[\w./@%+=:,-]+$/.test(text) ? text : shellQuote(text);
}

/** The failure itself, without the evidence. */
export function formatFailure(script: string, failure: Failure): string {
  const where = failure.line ? `${script}:${failure.line.line}` : `${script}: after the last line`;
  const rows = [`${where}: ${failure.summary}`];
  if (failure.line) rows.push(`  ${String(failure.line.line).padStart(4)} | ${failure.line.text}`);
  const label = (name: string, lines: readonly string[]): void =>
    lines.forEach((line, i) => rows.push(`  ${(i === 0 ? `${name}:` : '').padEnd(10)}${line}`));
  if (failure.expected !== undefined) label('expected', [failure.expected]);
  if (failure.actual !== undefined) label('actual', failure.actual);
  if (failure.differences !== undefined) label('differs', failure.differences);
  rows.push(`  (found at ${formatSeconds(failure.timeUs)} of script time)`);
  return rows.join('\n');
}

/** The whole report of a failed run; saves its pcap under artifacts/. */
/** What a failure report says when the harness itself was late: the stack may have acted on the delay. */
export function harnessLateNote({ line, lateUs }: NonNullable<ScriptRun['harnessLate']>): string {
  return `the harness injected line ${line} ${(lateUs / 1000).toFixed(1)} ms late (the machine was busy): the stack may have acted on the delay`;
}

export function scriptReport(run: ScriptRun & { readonly failure: Failure }, context: ReportContext): string {
  const failed: FailedRun = {
    testFile: context.artifactFile,
    testName: context.artifactName,
    seed: context.seed,
    nowUs: run.evidence.nowUs,
    packets: run.evidence.packets,
    sides: run.evidence.sides,
    rerun: `npm run script -- ${isRepositoryStack(context.stack) ? '' : `--stack ${shellWord(context.stack)} `}${shellWord(context.script)} --seed ${context.seed}`,
  };
  const header = [
    `stack: ${context.stack} on the ${run.backend} (harness ISN ${run.peerIsn})`,
    ...(run.dropped.length > 0 ? [`its kernel dropped, by its counters: ${run.dropped.join(', ')}`] : []),
    ...(run.harnessLate ? [harnessLateNote(run.harnessLate)] : []),
  ].join('\n');
  return `${formatFailure(context.script, run.failure)}\n\n${header}\n${saveEvidence(failed)}`;
}
