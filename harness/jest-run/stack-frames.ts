/**
 * The frames of a V8 stack trace, as jest reports a failure: `at fn (/abs/file.ts:12:5)` or, for
 * an anonymous function, `at /abs/file.ts:12:5`.
 */

/** One frame: the function, when it has a name, and where it was. */
export interface Frame {
  readonly fn: string | undefined;
  readonly file: string;
  readonly line: number;
}

const FRAME = /^\s+at (?:(?:async )?(.+?) \()?(.+?):(\d+):\d+\)?$/;

/** The frames of `stack` in order, top first; lines that are not frames are left out. */
export function framesOf(stack: string): Frame[] {
  return stack.split('\n').flatMap((line) => {
    const match = FRAME.exec(line);
    if (!match) return [];
    const [, fn, file = '', lineNumber = '0'] = match;
    return [{ fn, file, line: Number(lineNumber) }];
  });
}
