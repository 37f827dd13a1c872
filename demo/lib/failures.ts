/**
 * The failures of a simulator demo's run, in the order they happened: the first is the cause,
 * later ones its consequences; and which stack the explanation blames.
 */
import type { Simulator } from '../../harness/sim/simulator';
import { explain, type DemoFailure } from './failure';
import { stackLabel, type DemoOptions } from './options';

/** A failure, and the stack the explanation blames. */
interface Failure {
  readonly error: unknown;
  readonly stack: string;
}

export class Failures {
  private readonly list: Failure[] = [];

  constructor(
    private readonly options: DemoOptions,
    private readonly sim: Simulator,
  ) {}

  get count(): number {
    return this.list.length;
  }

  /** `error` stopped a program running on `programStack` (counted once, however many programs it stopped). */
  add(error: unknown, programStack: string): void {
    if (this.list.some((failure) => failure.error === error)) return;
    this.list.push({ error, stack: this.culprit(error, programStack) });
  }

  /** The first failure, explained. */
  explanation(): string {
    const [first] = this.list;
    return first ? explain(first.error, first.stack).join('\n') : '';
  }

  /** A story failure no stack is blamed for by name (damaged packets both hosts accepted). */
  addUnblamed(error: DemoFailure): void {
    this.list.push({ error, stack: '' });
  }

  /**
   * Which stack to blame for `error`, as the explanation names it. A syscall's error is its own
   * host's stack's. An error from receive() stops the whole simulation and reaches whichever
   * program waited: then it is the stack that is not the reference, if only one is.
   */
  private culprit(error: unknown, programStack: string): string {
    const { options } = this;
    if (this.sim.failed !== error) return stackLabel(programStack);
    const suspects = [...new Set([options.stack, options.clientStack])].filter((stack) => stack !== 'reference');
    return suspects.length === 1 ? stackLabel(suspects[0]!) : `${stackLabel(options.stack)} or the ${stackLabel(options.clientStack)}`;
  }
}
