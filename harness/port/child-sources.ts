/**
 * The TypeScript a kernel process may run, transpiled in the judge's process. The child gets no
 * compiler (see kernel-loader.ts): loading one would cost every child a fifth of a second and one
 * more folder to read. A file is transpiled once (transpile-cache.ts keeps it across processes)
 * and again only when it changes.
 *
 * Transpiling reads the submission's text but never runs it. A syntax error becomes the file's
 * shipped error, raised in the child only if the stack imports that file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TypeScript from 'typescript';
import type { ShippedSource } from './child-protocol';
import { processWide } from './process-wide';
import { cacheKey, readCached, writeCached } from './transpile-cache';

/** Shown per file at most; the first errors are the ones to fix. */
const MAX_ERRORS_SHOWN = 5;

/** How files are transpiled: as the project's tsconfig says, plus source maps for stack traces. */
const SETTINGS = { module: 'CommonJS', target: 'ES2022', esModuleInterop: true, inlineSourceMap: true } as const;

/**
 * What this process has transpiled, by real path, for as long as the process lives: each test file
 * of a jest worker starts a kernel process of its own (kernel-servers.ts), and reading the disk
 * cache again for each took about 45 ms (the reference's 91 files) of every file's start.
 */
const transpiled = processWide('transpiledSources', () => new Map<string, { readonly stamp: string; readonly source: ShippedSource }>());
let compiler: typeof TypeScript | undefined;
let compilerVersion: string | undefined;

/** Loaded on first use: a run whose files are all in the disk cache never pays for it. */
function typescript(): typeof TypeScript {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  compiler ??= require('typescript') as typeof TypeScript;
  return compiler;
}

/** The compiler's version without loading the compiler: part of every cache key. */
function version(): string {
  compilerVersion ??= String((JSON.parse(fs.readFileSync(require.resolve('typescript/package.json'), 'utf8')) as { version?: unknown }).version);
  return compilerVersion;
}

function position(diagnostic: TypeScript.Diagnostic): string {
  if (!diagnostic.file || diagnostic.start === undefined) return '';
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `:${line + 1}:${character + 1}`;
}

function compile(file: string, shownAs: string, text: string): ShippedSource {
  const ts = typescript();
  let output: TypeScript.TranspileOutput;
  try {
    output = ts.transpileModule(text, {
      fileName: file,
      reportDiagnostics: true,
      compilerOptions: { ...SETTINGS, module: ts.ModuleKind[SETTINGS.module], target: ts.ScriptTarget[SETTINGS.target] },
    });
  } catch (error) {
    // The parser recurses once per nesting level: an expression nested thousands deep exhausts the stack.
    return { error: `${shownAs}: the compiler cannot read this file (${error instanceof Error ? error.message : String(error)})` };
  }
  const { outputText, diagnostics = [] } = output;
  const errors = diagnostics
    .slice(0, MAX_ERRORS_SHOWN)
    .map((diagnostic) => `${shownAs}${position(diagnostic)} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`);
  return errors.length > 0 ? { error: errors.join('\n') } : { js: outputText };
}

/**
 * `file` (a real path) as CommonJS with an inline source map, so that stack traces in the child
 * name TypeScript lines; or its syntax errors as `shownAs:line:column message`.
 */
export function transpile(file: string, shownAs: string): ShippedSource {
  const stat = fs.statSync(file);
  const stamp = `${stat.mtimeMs}:${stat.size}`;
  const cached = transpiled.get(file);
  if (cached?.stamp === stamp) return cached.source;
  const text = fs.readFileSync(file, 'utf8');
  // The output depends on the file's name, not on its folder (its source map names it relative to
  // itself): the copies of one stack in different folders (each grading stages the submission
  // anew; a student's given files are the starter's) share entries.
  const key = cacheKey(version(), JSON.stringify(SETTINGS), path.basename(file), shownAs, text);
  let source = readCached(key);
  if (!source) {
    source = compile(file, shownAs, text);
    writeCached(key, source);
  }
  transpiled.set(file, { stamp, source });
  return source;
}

/** Folders whose files a kernel never imports: packages, tests (the harness's and a stack's own), hidden ones. */
function skipped(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules' || name === 'tests';
}

/** What the child runs: TypeScript, and a stack's JavaScript (transpiled too, see kernel-loader.ts). */
function isSource(file: string): boolean {
  return file.endsWith('.ts') || file.endsWith('.js');
}

/**
 * Real paths of the source files under `root` (a real path: a folder, or one file). Symbolic links
 * are not followed: a link could otherwise ship a file from outside the folders the child may read.
 */
function sourceFiles(root: string): string[] {
  const stat = fs.lstatSync(root, { throwIfNoEntry: false });
  if (stat?.isFile()) return isSource(root) ? [root] : [];
  if (!stat?.isDirectory()) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => !entry.isSymbolicLink() && !(entry.isDirectory() && skipped(entry.name)))
    .flatMap((entry) => sourceFiles(path.join(root, entry.name)));
}

/** Every source file under `roots` (real paths of folders or files), transpiled, by real path. */
export function shipSources(roots: readonly string[]): Map<string, ShippedSource> {
  const sources = new Map<string, ShippedSource>();
  for (const root of roots) {
    const base = fs.lstatSync(root, { throwIfNoEntry: false })?.isDirectory() ? root : path.dirname(root);
    for (const file of sourceFiles(root)) sources.set(file, transpile(file, path.relative(base, file)));
  }
  return sources;
}
