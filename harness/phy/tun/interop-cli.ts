/**
 * `npm run interop -- [--stack reference|DIR] [--mb N] [--path clean|lossy|both] [--seed N]`:
 * bulk TCP between a socklab stack and the Linux kernel over TUN (bulk-transfer.ts), each way, on
 * a clean path and through the seeded fault injector (interop-paths.ts), each transfer checked by
 * sha256 and its goodput printed. It lives in the harness so that a student repository, which
 * vendors the harness, can run it against its own stack.
 */
import { exitStatusHelp, USAGE_ERROR } from '../../cli/exit-status';
import { Flags, UsageError } from '../../cli/flags';
import { loadSubmission, submissionUnderTest } from '../../loader';
import { runSeed } from '../../sim/rng';
import { bulkTransfer, describeTransfer, transferIntact, type TransferDirection } from './bulk-transfer';
import { INTEROP_PATHS, type InteropPathName } from './interop-paths';
import { probeTun } from './probe';
import { seededBytes } from '../../sim/seeded-data';
import { openTunPair } from './tun-pair';

const USAGE = `npm run interop: bulk TCP between a stack and the Linux kernel over TUN, checked by sha256.

usage: npm run interop -- [--stack reference|DIR] [--mb N] [--path clean|lossy|both] [--seed N]

  --stack   the stack under test (default: SOCKLAB_SUBMISSION, else the repository's own:
            yours in a student repository, the reference in socklab's)
  --mb      megabytes sent each way (default 10)
  --path    clean, lossy (2% loss and 2% reordering each way, from the seed), or both (default)
  --seed    the seed of the data and of every fault (default: SOCKLAB_SEED, else 1)

Needs root (or rootless user namespaces) and /dev/net/tun: Linux runs in a network namespace of
its own, and nothing leaves the machine.
${exitStatusHelp({ 0: 'every transfer arrived intact', 1: 'a transfer failed or arrived damaged', 2: 'a usage error, or no TUN bridge here' })}`;

type PathChoice = InteropPathName | 'both';

interface Args {
  readonly stack: string;
  readonly megabytes: number;
  readonly path: PathChoice;
  readonly seed: number;
}

function parseArgs(argv: readonly string[]): Args | 'help' {
  let stack = submissionUnderTest();
  let megabytes = 10;
  let path: PathChoice = 'both';
  let seed = runSeed();
  const flags = new Flags(argv);
  const number = (flag: string): number => {
    const text = flags.value();
    const parsed = Number(text);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new UsageError(`${flag} takes a positive number, not ${JSON.stringify(text)}`);
    return parsed;
  };
  for (let flag = flags.next(); flag !== undefined; flag = flags.next()) {
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--stack') stack = flags.value();
    else if (flag === '--mb') megabytes = number(flag);
    else if (flag === '--seed') seed = Math.trunc(number(flag));
    else if (flag === '--path') {
      const given = flags.value();
      if (given !== 'clean' && given !== 'lossy' && given !== 'both') throw new UsageError(`--path is clean, lossy or both, not ${JSON.stringify(given)}`);
      path = given;
    } else throw new UsageError(`unknown argument ${flag}`);
  }
  return { stack, megabytes, path, seed };
}

/** Run the CLI on `argv`; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let args: Args | 'help';
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return USAGE_ERROR;
  }
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  const probe = probeTun();
  if (!probe.ok) {
    console.error(`no TUN bridge here: ${probe.cause}`);
    return USAGE_ERROR;
  }
  const createKernel = loadSubmission(args.stack).createKernel;
  const data = seededBytes(args.seed, 'bulk', Math.round(args.megabytes * 1024 * 1024));
  const paths = args.path === 'both' ? (['clean', 'lossy'] as const) : [args.path];
  console.log(`stack: ${args.stack}, seed ${args.seed}, ${data.length} bytes each way`);
  let failed = false;
  for (const path of paths) {
    for (const direction of ['stack-to-linux', 'linux-to-stack'] as readonly TransferDirection[]) {
      const pair = await openTunPair({ createKernel, seed: args.seed, ...INTEROP_PATHS[path].faults });
      try {
        const result = await bulkTransfer(pair, direction, data, 8090);
        console.log(`${path.padEnd(5)} ${describeTransfer(result)}`);
        failed ||= !transferIntact(result);
      } catch (error) {
        console.log(`${path.padEnd(5)} ${direction}: FAILED: ${error instanceof Error ? error.message : String(error)}`);
        failed = true;
      } finally {
        await pair.close();
      }
    }
  }
  return failed ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
