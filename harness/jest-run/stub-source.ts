/**
 * Where a stub throws, read from the stack's source, for a stub whose failures carry no frame in
 * the stack (a packet script's failure shows the script's line instead of the error's stack).
 * The starter writes each stub as `throw new NotImplemented('m1', 'what')`, the call wrapped over
 * a few lines when it is long.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StackSite } from './failures';

/** A line that declares a function or a method, and its name: what a stack frame would have named. */
const DECLARATION =
  /^\s*(?:export\s+)?(?:async\s+)?function\s+(\w+)|^\s+(?:(?:public|private|protected|static|async|override)\s+)*#?(?!(?:if|for|while|switch|catch)\b)(\w+)\s*\(.*\)[^;]*\{\s*$/;

/** How many lines after the `NotImplemented(` its arguments may go on, when the call is wrapped. */
const CALL_LINES = 3;

/** A finder of the line of `new NotImplemented(milestone, what)` in the TypeScript files under `stackDir`. */
export function stubFinder(stackDir: string): (milestone: string, what: string) => StackSite | undefined {
  let sources: { readonly file: string; readonly lines: readonly string[] }[] | undefined;
  return (milestone, what) => {
    // Read on the first stub without a frame only: most runs have none.
    sources ??= typescriptFiles(stackDir).map((file) => ({ file, lines: fs.readFileSync(path.join(stackDir, file), 'utf8').split('\n') }));
    for (const { file, lines } of sources) {
      const index = lines.findIndex((line, at) => line.includes('NotImplemented(') && throws(lines.slice(at, at + CALL_LINES + 1).join('\n'), milestone, what));
      if (index >= 0) return { file, line: index + 1, fn: enclosingFunction(lines, index) };
    }
    return undefined;
  };
}

/** The name of the function declared nearest above line `at`. */
function enclosingFunction(lines: readonly string[], at: number): string | undefined {
  for (let index = at; index >= 0; index--) {
    const match = DECLARATION.exec(lines[index] ?? '');
    if (match) return match[1] ?? match[2];
  }
  return undefined;
}

function throws(call: string, milestone: string, what: string): boolean {
  return quotes(call, milestone) && quotes(call, what);
}

/** `source` has `text` as a string literal, in any quotes, escaped as its quotes need. */
function quotes(source: string, text: string): boolean {
  return ["'", '"', '`'].some((quote) => source.includes(`${quote}${text.replaceAll(quote, `\\${quote}`)}${quote}`));
}

function typescriptFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}
