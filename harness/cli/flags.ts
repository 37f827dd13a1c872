/**
 * The command lines of the harness's own CLIs (`npm run script`, `npm run interop`), which a
 * student repository vendors: read in order, `--flag value` or `--flag=value`, and anything that
 * does not start with `--` as it is. A mistake is a {@link UsageError}, which the CLI prints with
 * its usage before exiting 2.
 */

/** A command line or a choice of stack that cannot be used (the CLI exits 2 on it). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export class Flags {
  private index = -1;
  private flag = '';
  private inline: string | undefined;

  constructor(private readonly argv: readonly string[]) {}

  /** The next flag (without its `=value`) or other argument; undefined after the last. */
  next(): string | undefined {
    const arg = this.argv[++this.index];
    if (arg === undefined) return undefined;
    [this.flag = '', this.inline] = arg.startsWith('--') ? arg.split(/=(.*)/s) : [arg, undefined];
    return this.flag;
  }

  /** The value of the flag {@link next} just read: after its `=`, else the next argument. */
  value(): string {
    const given = this.inline ?? this.argv[++this.index];
    this.inline = undefined;
    if (given === undefined || given === '') throw new UsageError(`${this.flag} needs a value`);
    return given;
  }
}
