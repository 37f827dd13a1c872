/**
 * Why a demo failed, in words a student can act on. A stack that is unfinished, refuses a call,
 * crashes or never answers makes a demo exit 1 with one of these explanations, never with a
 * stack trace of the harness.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NotImplemented, SocketError } from '../../harness/contract';
import { KernelCrash } from '../../harness/port';
import { DeadlockError, TimeLimitError } from '../../harness/sim/errors';
import { ROOT } from './options';

/** The stack answered, but not what the demo expected (e.g. no "42 C"). */
export class DemoFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoFailure';
  }
}

/** The handout of milestone `m` (`m1` → `assignments/m1-udp/README.md`), when there is one. */
function handoutOf(milestone: string): string | undefined {
  const assignments = path.join(ROOT, 'assignments');
  const folder = fs.existsSync(assignments) ? fs.readdirSync(assignments).find((name) => name.startsWith(`${milestone}-`)) : undefined;
  return folder === undefined ? undefined : `assignments/${folder}/README.md`;
}

/** The lines that explain `error`, thrown while the demo ran on `stack` (e.g. `starter stack`). */
export function explain(error: unknown, stack: string): string[] {
  if (error instanceof NotImplemented) {
    const handout = handoutOf(error.milestone);
    return [
      `The ${stack} is not finished: ${error.message}.`,
      `Write that TODO(${error.milestone}) stub${handout ? ` (${handout} lists them in order)` : ''}, then run the demo again.`,
    ];
  }
  if (error instanceof SocketError) {
    return [`The ${stack} failed a call that a finished stack completes: ${error.message}.`];
  }
  if (error instanceof KernelCrash) {
    return [`The ${stack} crashed: ${error.message}`, ...(error.kernelStack ? [indentStack(error.kernelStack)] : [])];
  }
  if (error instanceof DeadlockError || error instanceof TimeLimitError) {
    return [error.message, 'A program waited for something that never came: the packets above show how far the exchange got.'];
  }
  if (error instanceof DemoFailure) return [error.message];
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return [`The demo itself failed, which is a bug in socklab (please report it):`, text];
}

/** Where in the stack's code it crashed: the first frames of the trace outside the harness, indented. */
function indentStack(stack: string): string {
  return stack
    .split('\n')
    .slice(1)
    .filter((line) => !/[/\\](harness|demo)[/\\]|node:internal/.test(line))
    .slice(0, 5)
    .map((line) => `  ${line.trim()}`)
    .join('\n');
}
