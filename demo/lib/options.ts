/**
 * The options every simulator demo takes:
 *
 *     --stack reference|starter|DIR   the stack of the host that serves (default: reference)
 *     --client-stack ...              the stack of the host that asks (default: reference)
 *     --seed N                        the run's seed (default: SOCKLAB_SEED, else 1)
 *     --pcap FILE                     where to write the packets (default: artifacts/demo/NAME.pcap)
 *     --help
 */
import * as path from 'node:path';
import { runSeed } from '../../harness/sim/rng';

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

/** The usage lines of a demo named `name`. */
export function usage(name: string): string {
  return [
    `usage: npm run demo -- ${name} [--stack S] [--client-stack S] [--seed N] [--pcap FILE]`,
    '  --stack         the server\'s stack: reference (default), starter, or the folder of yours',
    '  --client-stack  the client\'s stack, the same choices (default: reference)',
    '  --seed          the seed of the run (default: SOCKLAB_SEED, else 1)',
    `  --pcap          where to write the packets (default: artifacts/demo/${name}.pcap)`,
  ].join('\n');
}

/** Parse a demo's arguments. @throws UsageError for an unknown option or a missing value. */
export function parseOptions(name: string, args: readonly string[]): DemoOptions {
  let stack = 'reference';
  let clientStack = 'reference';
  let seed: number | undefined;
  let pcap = path.join(ROOT, 'artifacts', 'demo', `${name}.pcap`);
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
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
  return { stack, clientStack, seed: seed ?? runSeed(), pcap, help };
}

/** How the output names a stack: `reference stack`, `starter stack`, `stack in ../alice`. */
export function stackLabel(stack: string): string {
  return stack === 'reference' || stack === 'starter' ? `${stack} stack` : `stack in ${stack}`;
}

/** A path to print: relative to the working directory when it is inside it. */
export function shownPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
}
