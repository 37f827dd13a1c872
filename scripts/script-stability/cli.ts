/**
 * `npm run script:stability -- [--runs 50] [--load 2] [--jobs 1] [--long] [--only TEXT]`
 *
 * How steady Linux is as the judge of the packet scripts: every portable script runs on Linux
 * `--runs` times (seeds 1..runs) while `--load` busy loops keep the cores busy, `--jobs` scripts at
 * a time. Prints the pass count of each script and the first lines of every failure; exits 1 when
 * any run failed, 2 when Linux cannot be the judge here (no TUN). Scripts that wait out TCP's long
 * timers (over a minute each) run only with `--long`.
 */
import { Command, InvalidArgumentError } from 'commander';
import { exitOnUsageError, exitStatusHelp, exitWithMessage, USAGE_ERROR } from '../../harness/cli/exit-status';
import { probeTun } from '../../harness/phy/tun/probe';
import { closeLiveAgents } from '../../harness/phy/tun/tun-agent';
import { runScriptFile } from '../../harness/script';
import { portableScripts, type PortableScript } from '../../harness/script/tests/linux/portable-scripts';
import { LONG_SCRIPT_SECONDS } from '../../harness/script/tests/linux/run-on-linux';
import { mapLimited } from '../milestone-checks/parallel';
import { BusyLoops } from './busy-loops';
import { failureHead, tally, type RunOutcome } from './tally';

interface Flags {
  readonly runs: number;
  readonly load: number;
  readonly jobs: number;
  readonly long?: boolean;
  readonly only?: string;
}

function count(min: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) throw new InvalidArgumentError(`a whole number of at least ${min}`);
    return value;
  };
}

async function runOnce(script: PortableScript, seed: number): Promise<RunOutcome> {
  try {
    if (script.error) return { script: script.name, seed, passed: false, report: `does not parse: ${script.error}` };
    const result = await runScriptFile(script.file, { stack: 'linux', seed });
    return { script: script.name, seed, passed: result.passed, ...(result.passed ? {} : { report: result.report }) };
  } catch (error) {
    return { script: script.name, seed, passed: false, report: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

async function main(flags: Flags): Promise<number> {
  const probe = probeTun();
  if (!probe.ok) {
    console.error(`Linux cannot be the judge here: ${probe.cause}`);
    return 2;
  }
  const scripts = portableScripts().filter((script) => (flags.long || script.seconds <= LONG_SCRIPT_SECONDS) && (!flags.only || script.name.includes(flags.only)));
  // Longest first within a run, so that with several jobs the long waits overlap the short scripts.
  const ordered = [...scripts].sort((a, b) => b.seconds - a.seconds);
  const work = Array.from({ length: flags.runs }, (_, run) => ordered.map((script) => ({ script, seed: run + 1 }))).flat();
  console.log(`${scripts.length} portable scripts × ${flags.runs} runs on Linux, ${flags.load} busy loops, ${flags.jobs} at a time`);
  const loops = new BusyLoops(flags.load);
  const started = Date.now();
  let done = 0;
  try {
    const outcomes = await mapLimited(work, flags.jobs, async ({ script, seed }) => {
      const outcome = await runOnce(script, seed);
      done++;
      if (!outcome.passed) console.log(`FAIL (seed ${seed}) ${failureHead(outcome)}`);
      if (done % scripts.length === 0) console.log(`${done / scripts.length} of ${flags.runs} runs done (${Math.round((Date.now() - started) / 1000)} s)`);
      return outcome;
    });
    console.log(`\n${tally(scripts.map((script) => script.name).sort(), outcomes)}`);
    return outcomes.every((outcome) => outcome.passed) ? 0 : 1;
  } finally {
    loops.stop();
    await closeLiveAgents();
  }
}

const program = new Command('npm run script:stability --')
  .description('Run every portable packet script on Linux many times under CPU load and count the passes.')
  .option('--runs <n>', 'how many times each script runs', count(1), 50)
  .option('--load <k>', 'how many busy loops load the CPUs', count(0), 2)
  .option('--jobs <j>', 'how many scripts run at a time', count(1), 1)
  .option('--long', `also the scripts that run longer than ${LONG_SCRIPT_SECONDS} s (TIME_WAIT, SYN timeouts)`)
  .option('--only <text>', 'only the scripts whose path contains this')
  .addHelpText('after', exitStatusHelp({ 0: 'every run passed', 1: 'a run failed (its first lines are printed)', [USAGE_ERROR]: 'bad arguments, or Linux cannot be the judge here (no TUN)' }))
  .exitOverride(exitOnUsageError)
  .action(async (flags: Flags) => {
    process.exitCode = await main(flags);
  });

program.parseAsync().catch(exitWithMessage(USAGE_ERROR));
