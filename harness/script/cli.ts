/**
 * `npm run script -- --stack reference|starter|linux|DIR FILE.pkt... [--seed N]`: run packet
 * scripts against a stack and print a report for each. Exit code 0 when every script passes, 1
 * when one fails, 2 on a usage error or a script that does not parse. It lives in the harness so
 * that a student repository, which vendors the harness, has the same command.
 */
import { exitStatusHelp } from '../cli/exit-status';
import { Flags, UsageError } from '../cli/flags';
import { submissionUnderTest } from '../loader';
import { runSeed } from '../sim/rng';
import { ScriptNotRunnable } from './backend';
import { ScriptSyntaxError } from './language/errors';
import { runScriptFile } from './run-file';
import { selectBackend } from './select-backend';

const USAGE = `npm run script: run packet scripts against a stack and print a report for each.

usage: npm run script -- [--stack reference|starter|linux|DIR] FILE.pkt... [--seed N]

  --stack   the stack under test (default: SOCKLAB_SUBMISSION, else the repository's own:
            yours in a student repository, the reference in socklab's)
  --seed    the seed of every random choice (default: SOCKLAB_SEED, else 1)
${exitStatusHelp({ 0: 'every script passed', 1: 'a script failed', 2: 'a usage error, a missing script, a script that does not parse, or one the stack cannot run as written (a sysctl it cannot follow)' })}`;

interface Args {
  readonly stack: string;
  readonly seed: number;
  readonly files: readonly string[];
}

function parseArgs(argv: readonly string[]): Args | 'help' {
  let stack = submissionUnderTest();
  let seed: number | undefined;
  const files: string[] = [];
  const flags = new Flags(argv);
  for (let flag = flags.next(); flag !== undefined; flag = flags.next()) {
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--stack') stack = flags.value();
    else if (flag === '--seed') {
      const text = flags.value();
      seed = Number(text);
      if (!Number.isInteger(seed)) throw new UsageError(`--seed takes an integer, not ${JSON.stringify(text)}`);
    } else if (flag.startsWith('-')) throw new UsageError(`unknown option ${flag}`);
    else files.push(flag);
  }
  if (files.length === 0) throw new UsageError('no script given');
  return { stack, seed: seed ?? runSeed(), files };
}

/** Run the CLI on `argv` (the arguments after the script's name); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args === 'help') {
      console.log(USAGE);
      return 0;
    }
    const backend = selectBackend(args.stack);
    let failed = false;
    for (const file of args.files) {
      const result = await runScriptFile(file, { stack: args.stack, seed: args.seed, backend });
      console.log(result.report);
      failed ||= !result.passed;
    }
    return failed ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else if (error instanceof ScriptSyntaxError || error instanceof ScriptNotRunnable) console.error(error.message);
    else if (isMissingFile(error)) console.error(`no such script: ${error.path}`);
    else throw error;
    return 2;
  }
}

/** A file that is not there (fs errors may come from another realm: not `instanceof Error`). */
function isMissingFile(error: unknown): error is { path: string } {
  const e = error as { code?: unknown; path?: unknown } | null;
  return typeof e === 'object' && e !== null && e.code === 'ENOENT' && typeof e.path === 'string';
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
