/**
 * The options every simulator demo takes:
 *
 *     --stack reference|starter|DIR   the stack of the host that serves (default: the repository's own)
 *     --client-stack ...              the stack of the host that asks (default: the reference if
 *                                     the repository has it, else the server's)
 *     --seed N                        the run's seed (default: SOCKLAB_SEED, else 1)
 *     --pcap FILE                     where to write the packets (default: artifacts/demo/NAME.pcapng)
 *     --help
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import { exitStatusHelp } from '../../harness/cli/exit-status';
import { pathInside, repositoryStack, submissionDir } from '../../harness/loader';
import { runSeed } from '../../harness/sim/rng';
import type { DemoIo } from './io';

/** The repository root: demo/lib is two levels below it. */
export const ROOT = path.resolve(__dirname, '..', '..');

export interface DemoOptions {
  /** The server's stack: `reference`, `starter` or a folder. */
  readonly stack: string;
  /** The client's stack. */
  readonly clientStack: string;
  readonly seed: number;
  /** Absolute path of the pcap to write. */
  readonly pcap: string;
  readonly help: boolean;
}

/** A command line the demo cannot run: the message says why. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** What a demo's help adds to the options every simulator demo takes. */
export interface MoreOptions {
  /** The end of the usage line: `[--clients N] [--tun]`. */
  readonly synopsis: string;
  /** One line each, the option's name padded as the others are (16 columns). */
  readonly lines: readonly string[];
  /** When the exit status is 1 (default: when the stack failed). */
  readonly failure?: string;
}

/** The help of a simulator demo named `name`: what it does (`summary`), its options and exit statuses. */
export function usage(name: string, summary: string, more?: MoreOptions): string {
  return [
    `npm run demo -- ${name}: ${summary}`,
    '',
    `usage: npm run demo -- ${name} [--stack S] [--client-stack S] [--seed N] [--pcap FILE]${more ? ` ${more.synopsis}` : ''}`,
    `  --stack         the server's stack: reference, starter, or a folder (default: ${STACK_DEFAULT_HELP})`,
    "  --client-stack  the client's stack, the same choices (default: the reference where the repository has it, else the server's)",
    '  --seed          the seed of the run (default: SOCKLAB_SEED, else 1)',
    `  --pcap          where to write the packets (default: artifacts/demo/${name}.pcapng)`,
    ...(more?.lines ?? []),
    exitStatusHelp({ 0: 'every scene went as it should', 1: more?.failure ?? 'the stack failed (the reason is printed)', 2: 'a bad command line' }),
  ].join('\n');
}

/**
 * Read a demo's command line with `parse`: its options, or the exit status when there is nothing
 * to run — 2 after a usage error (with the usage), 0 after printing the help asked for.
 */
export function readCommandLine<T extends { readonly help: boolean }>(args: readonly string[], io: DemoIo, parse: (args: readonly string[]) => T, help: string): T | number {
  let options: T;
  try {
    options = parse(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(error.message);
    io.err(help);
    return 2;
  }
  if (!options.help) return options;
  io.out(help);
  return 0;
}

/** `--flag=value` as its flag and its value; any other argument as itself, with no value. */
export function splitFlag(arg: string): readonly [string, string | undefined] {
  const equals = arg.indexOf('=');
  return arg.startsWith('--') && equals >= 0 ? [arg.slice(0, equals), arg.slice(equals + 1)] : [arg, undefined];
}

/** The value `text` of `flag` as a number above 0, and whole when `integer`. @throws UsageError otherwise */
export function positiveNumber(flag: string, text: string | undefined, integer: boolean): number {
  const value = Number(text);
  if (text === undefined || text === '' || !(value > 0) || (integer && !Number.isInteger(value))) {
    throw new UsageError(`${flag} needs a ${integer ? 'whole ' : ''}number above 0, not ${JSON.stringify(text ?? '')}`);
  }
  return value;
}

/** What `--stack` defaults to, as the help says it. */
export const STACK_DEFAULT_HELP = "the repository's own: yours in a student repository, the reference in socklab's";

/**
 * The client's stack when none is asked for: the reference, so that a student's server meets a
 * stack that is right; a student repository has none, and there the client runs the server's stack.
 */
function defaultClientStack(serverStack: string): string {
  return fs.existsSync(submissionDir('reference')) ? 'reference' : serverStack;
}

/** Parse a demo's arguments. @throws UsageError for an unknown option or a missing value. */
export function parseOptions(name: string, args: readonly string[]): DemoOptions {
  let stack = repositoryStack();
  let clientStack: string | undefined;
  let seed: number | undefined;
  let pcap = path.join(ROOT, 'artifacts', 'demo', `${name}.pcapng`);
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = splitFlag(arg);
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--stack':
        stack = value();
        break;
      case '--client-stack':
        clientStack = value();
        break;
      case '--seed': {
        const text = value();
        seed = Number(text);
        if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, not ${JSON.stringify(text)}`);
        break;
      }
      case '--pcap':
        pcap = path.resolve(value());
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new UsageError(`unknown option ${JSON.stringify(arg)}`);
    }
  }
  return { stack, clientStack: clientStack ?? defaultClientStack(stack), seed: seed ?? runSeed(), pcap, help };
}

/** How the output names a stack: `reference stack`, `starter stack`, `stack in ../alice/` (a folder, from here). */
export function stackLabel(stack: string): string {
  return stack === 'reference' || stack === 'starter' ? `${stack} stack` : `stack in ${shownPath(path.resolve(stack))}/`;
}

/** A path to print: relative to the working directory when it is inside it. */
export function shownPath(absolute: string): string {
  return pathInside(process.cwd(), absolute) ?? absolute;
}
