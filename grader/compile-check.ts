/**
 * Can the submission load at all: has it its entry file, and does it compile? The suites load a
 * stack through jest's transform (jest-transform.js; ts-jest in a student's repository), which
 * transpiles each file on its own and, reporting no diagnostics, turns even a syntax error into
 * *some* JavaScript: a broken stack could then run, misbehave, and be graded as if that were the
 * student's intent. So the grader checks every `.ts` file's syntax itself first, the way a
 * transpiler reads it (type errors are not compile errors here, as they are not for the transform).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { listFiles } from './files';

/** The files a stack is loaded from. */
const ENTRY_FILES: readonly string[] = ['index.ts', 'index.js'];

/** Show at most this many errors in a reason; the student fixes the first ones first. */
const MAX_SHOWN = 5;

/**
 * Parse only: no file is resolved, no library read, nothing type-checked. One program parses all
 * the files at once, a tenth of the time a transpilation per file takes (which also emits), and
 * gives the diagnostics the transpiler would: the parser's.
 */
const PARSE_ONLY: ts.CompilerOptions = { noResolve: true, noLib: true, types: [], module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 };

/** `index.ts:5:34 Property assignment expected.` for each syntax error, in file order. */
function syntaxErrors(dir: string): string[] {
  const files = listFiles(dir).filter((file) => !file.symlink && file.relative.endsWith('.ts'));
  const relative = new Map(files.map((file) => [path.resolve(file.absolute), file.relative]));
  const describe = (diagnostic: ts.Diagnostic): string => {
    const file = diagnostic.file ? (relative.get(path.resolve(diagnostic.file.fileName)) ?? diagnostic.file.fileName) : '';
    return `${file}${position(diagnostic)} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  };
  try {
    return inFileOrder(parseDiagnostics(files.map((file) => file.absolute)), files.map((file) => file.absolute)).map(describe);
  } catch {
    // The parser gave up on some file: parsed one at a time, that file is named with the reason.
    return files.flatMap((file) => {
      try {
        return parseDiagnostics([file.absolute]).map(describe);
      } catch (error) {
        return [`${file.relative}: ${compilerFailure(error)}`];
      }
    });
  }
}

function parseDiagnostics(files: readonly string[]): readonly ts.Diagnostic[] {
  return ts.createProgram(files, PARSE_ONLY).getSyntacticDiagnostics();
}

/** `diagnostics` ordered by their file's place in `files`, each file's in the parser's order. */
function inFileOrder(diagnostics: readonly ts.Diagnostic[], files: readonly string[]): ts.Diagnostic[] {
  const place = new Map(files.map((file, i) => [path.resolve(file), i]));
  const rank = (diagnostic: ts.Diagnostic): number => place.get(path.resolve(diagnostic.file?.fileName ?? '')) ?? files.length;
  return [...diagnostics].sort((a, b) => rank(a) - rank(b));
}

/**
 * Why no test of the submission can run, or undefined when it may: no entry file (or one staging
 * `refused`), or a syntax error in any of its `.ts` files.
 */
export function cannotLoadReason(dir: string, refused: readonly { readonly path: string; readonly reason: string }[] = []): string | undefined {
  if (!ENTRY_FILES.some((entry) => fs.existsSync(path.join(dir, entry)))) {
    // Staging may have left it out (the file cap, a link): say so rather than that it is missing.
    const left = refused.find((file) => ENTRY_FILES.includes(file.path));
    if (left) return `the submission's ${left.path} was left out of the graded copy: ${left.reason}`;
    return `the submission has no index.ts exporting createKernel(env) (looked in ${dir})`;
  }
  const errors = syntaxErrors(dir);
  if (errors.length === 0) return undefined;
  const more = errors.length > MAX_SHOWN ? `\n(and ${errors.length - MAX_SHOWN} more)` : '';
  return `the submission does not compile:\n${errors.slice(0, MAX_SHOWN).join('\n')}${more}`;
}

/**
 * Why the compiler itself gave up on a file: its parser recurses once per nesting level, so an
 * expression nested some thousands deep exhausts the stack.
 */
export function compilerFailure(error: unknown): string {
  if (error instanceof RangeError) return `the compiler cannot read this file: it is nested too deeply (${error.message})`;
  return `the compiler failed on this file: ${error instanceof Error ? error.message : String(error)}`;
}

function position(diagnostic: ts.Diagnostic): string {
  if (!diagnostic.file || diagnostic.start === undefined) return ':';
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `:${line + 1}:${character + 1}`;
}
