/**
 * The options of a demo that serves in real time until it is stopped: every demo's options
 * (options.ts) but `--client-stack` — the client is Linux, or a person — and when to stop:
 *
 *     --once          stop after the first answer
 *     --requests N    stop after N answers
 *     --seconds S     stop after S seconds
 *
 * Without any of them it serves until Ctrl-C.
 */
import { exitStatusHelp } from '../../harness/cli/exit-status';
import { parseOptions, positiveNumber, splitFlag, STACK_DEFAULT_HELP, UsageError, type DemoOptions } from './options';

export interface ServeDemoOptions extends DemoOptions {
  /** Stop after this many answers. */
  readonly requests?: number;
  /** Stop after this many seconds. */
  readonly seconds?: number;
}

/** The help of serving demo `name`: what it does (`summary`), its options and exit statuses. */
export function serveUsage(name: string, summary: string): string {
  return [
    `npm run demo -- ${name}: ${summary}`,
    '',
    `usage: npm run demo -- ${name} [--stack S] [--seed N] [--pcap FILE] [--once | --requests N] [--seconds S]`,
    `  --stack     the server's stack: reference, starter, or a folder (default: ${STACK_DEFAULT_HELP})`,
    '  --seed      the seed of the run (default: SOCKLAB_SEED, else 1)',
    `  --pcap      where to write the packets (default: artifacts/demo/${name}.pcapng)`,
    '  --once      stop after the first answer (--requests 1)',
    '  --requests  stop after this many answers',
    '  --seconds   stop after this many seconds',
    'Without --once, --requests or --seconds it serves until Ctrl-C.',
    exitStatusHelp({ 0: 'it served until told to stop', 1: 'the TUN bridge cannot run here, or the stack failed (the reason is printed)', 2: 'a bad command line' }),
  ].join('\n');
}

/** Parse a serving demo's arguments. @throws UsageError for an unknown option or a bad value. */
export function parseServeOptions(name: string, args: readonly string[]): ServeDemoOptions {
  const common: string[] = [];
  let requests: number | undefined;
  let seconds: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = splitFlag(arg);
    const positive = (integer: boolean): number => positiveNumber(flag, inline ?? args[++i], integer);
    if (flag === '--once') requests = 1;
    else if (flag === '--requests') requests = positive(true);
    else if (flag === '--seconds') seconds = positive(false);
    else if (flag === '--client-stack') throw new UsageError(`${flag} has no use here: the client is Linux`);
    else common.push(arg);
  }
  return { ...parseOptions(name, common), ...(requests === undefined ? {} : { requests }), ...(seconds === undefined ? {} : { seconds }) };
}
