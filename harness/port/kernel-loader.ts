/**
 * The first code a kernel process runs: the judge transpiles this file and passes it to `node -e`.
 * It teaches `require` to load `.ts` files from the JavaScript shipped in the start message (the
 * child has no compiler, see child-sources.ts), then hands the run to kernel-process.ts.
 *
 * It must stay self-contained: until it has run, nothing but Node's own modules can be loaded.
 */
import type { ShippedSource, StartMessage } from './child-protocol';

/** What a `require.extensions` handler gets; `_compile` is Node's own, untyped. */
interface CompilableModule extends NodeJS.Module {
  _compile(code: string, filename: string): void;
}

/** The part of kernel-process.ts the loader calls. */
interface KernelProcess {
  serve(start: StartMessage): void;
}

function installSources(sources: ReadonlyMap<string, ShippedSource>): void {
  // `require.extensions` is deprecated but is the one synchronous CommonJS hook Node 20 has.
  require.extensions['.ts'] = (module, filename) => {
    const source = sources.get(filename);
    if (!source) throw new Error(`${filename} cannot be loaded: a stack may import only its own files (not its tests) and harness/contract`);
    if ('error' in source) throw new SyntaxError(source.error);
    (module as CompilableModule)._compile(source.js, filename);
  };
}

process.once('message', (start: StartMessage) => {
  installSources(start.sources);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const runtime = require(start.runtime) as KernelProcess;
  runtime.serve(start);
});
