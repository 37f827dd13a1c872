/**
 * One portable script as a jest test on the Linux backend: it fails with the script's report
 * (its pcap goes under artifacts/, named after the test). A run that failed after the harness
 * itself injected a packet late (the machine too busy to keep the script's time) proves nothing
 * about Linux: it runs once more, and that run decides.
 */
import { runSeed } from '../../../sim/rng';
import { runScriptFile } from '../../run-file';
import type { PortableScript } from './portable-scripts';

/** Scripts that run longer than this (s) wait out TCP's long timers: TIME_WAIT, SYN retries. */
export const LONG_SCRIPT_SECONDS = 10;

/** Why the long scripts skip here (they run in CI, or when asked), or undefined where they run. */
export function longScriptsSkipCause(): string | undefined {
  return process.env.CI || process.env.SOCKLAB_LINUX_LONG === '1' ? undefined : 'set SOCKLAB_LINUX_LONG=1 (CI runs it)';
}

/** How long jest lets a script run: its own time twice (it may run once more), and room for a slow machine. */
export function timeoutMs(script: PortableScript): number {
  return 2 * Math.ceil(script.seconds * 1000) + 30_000;
}

/** Run `script` on Linux; throws its report when it fails. */
export async function runOnLinux(script: PortableScript): Promise<void> {
  if (script.error) throw new Error(`${script.name} says --portable but does not parse: ${script.error}`);
  const { testPath, currentTestName } = expect.getState();
  const run = () => runScriptFile(script.file, { stack: 'linux', seed: runSeed(), artifactFile: testPath ?? script.file, artifactName: currentTestName ?? script.name });
  const first = await run();
  const result = first.harnessLate ? await run() : first;
  if (!result.passed) {
    const error = new Error(result.report);
    // The report is the whole story: a stack trace into the runner would only distract.
    error.stack = result.report;
    throw error;
  }
}
