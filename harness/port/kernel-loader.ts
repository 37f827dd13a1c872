/**
 * The first code a kernel process runs: the judge transpiles this file and passes it to `node -e`.
 * It teaches `require` to load `.ts` files from the JavaScript shipped in the start message (the
 * child has no compiler, see child-sources.ts), then hands the run to kernel-process.ts.
 *
 * It must stay self-contained: until it has run, nothing but Node's own modules can be loaded.
 */
import Module from 'node:module';
import * as path from 'node:path';
import type { ShippedSource, StartMessage } from './child-protocol';

/** What a `require.extensions` handler gets; `_compile` is Node's own, untyped. */
interface CompilableModule extends NodeJS.Module {
  _compile(code: string, filename: string): void;
}

/** The part of kernel-process.ts the loader calls. */
interface KernelProcess {
  serve(start: StartMessage): void;
}

/**
 * Teach `require` the shipped files. A stack's `.js` files are shipped transpiled too, never read
 * from disk: the transpiler turns `import()`, which would bypass `require` and its lockdown, into
 * `require`. Other `.js` files (the packages the harness uses) load as usual.
 */
function installSources(sources: ReadonlyMap<string, ShippedSource>, submission: string): void {
  const plainJs = require.extensions['.js'];
  // Kept here: lockdown.ts takes Module.prototype._compile away from the stack.
  const compile = (Module.prototype as unknown as CompilableModule)._compile;
  const shipped = (module: NodeJS.Module, filename: string): void => {
    const source = sources.get(filename);
    if (!source) throw new Error(`${filename} cannot be loaded: a stack may import only its own files (not its tests) and harness/contract`);
    if ('error' in source) throw new SyntaxError(source.error);
    compile.call(module, source.js, filename);
  };
  // `require.extensions` is deprecated but is the one synchronous CommonJS hook Node 20 has.
  require.extensions['.ts'] = shipped;
  require.extensions['.js'] = (module, filename) => (filename.startsWith(submission + path.sep) ? shipped(module, filename) : plainJs(module, filename));
}

process.once('message', (start: StartMessage) => {
  installSources(start.sources, start.submission);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const runtime = require(start.runtime) as KernelProcess;
  runtime.serve(start);
});
