/**
 * The one error a packet script can raise before it runs: a syntax or meaning error at a line
 * and column, e.g. `handshake.pkt, line 7, column 12: expected ')' after the address`.
 */

/** Where in a script something is: 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A script that cannot be run as written. Its message names the file, the line and the column. */
export class ScriptSyntaxError extends Error {
  /** What is wrong, without the position. */
  readonly reason: string;

  /** Where: the line and column, 1-based. */
  readonly position: Position;

  constructor(
    reason: string,
    at: Position,
    /** The script's file name, for the message. */
    readonly file = '',
    /** The offending source line, shown under the message with a caret at the column. */
    readonly sourceLine?: string,
  ) {
    const position = { line: at.line, column: at.column };
    const where = `line ${position.line}, column ${position.column}`;
    const excerpt =
      sourceLine === undefined ? '' : `\n  ${String(position.line).padStart(4)} | ${sourceLine}\n       | ${' '.repeat(Math.max(0, position.column - 1))}^`;
    super(`${file ? `${file}, ` : ''}${where}: ${reason}${excerpt}`);
    this.name = 'ScriptSyntaxError';
    this.reason = reason;
    this.position = position;
  }

  /** The same error, told which file and source line it is in (the lexer and parser know only positions). */
  locate(file: string, sourceLine: string | undefined): ScriptSyntaxError {
    return new ScriptSyntaxError(this.reason, this.position, file, sourceLine);
  }
}
