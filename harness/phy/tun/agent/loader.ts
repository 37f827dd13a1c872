/**
 * The first code the TUN agent runs: the harness transpiles this file and passes it to `node -e`.
 * It teaches `require` to load the agent's `.ts` files from the JavaScript in the start message
 * (transpiled by the harness, so the agent starts without loading a compiler), then calls the
 * entry's `runAgent(config)`.
 *
 * It must stay self-contained: until it has run, nothing but Node's own modules can be loaded.
 */
import type { AgentConfig, StartMessage } from './protocol';

/** What a `require.extensions` handler gets; `_compile` is Node's own, untyped. */
interface CompilableModule extends NodeJS.Module {
  _compile(code: string, filename: string): void;
}

process.once('message', (start: StartMessage) => {
  // `require.extensions` is deprecated but is the one synchronous CommonJS hook Node 20 has.
  require.extensions['.ts'] = (module, filename) => {
    const source = start.sources.get(filename);
    if (!source) throw new Error(`the TUN agent may load only its own files, not ${filename}`);
    if ('error' in source) throw new SyntaxError(source.error);
    (module as CompilableModule)._compile(source.js, filename);
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const entry = require(start.entry) as { runAgent(config: AgentConfig): void };
  entry.runAgent(start.config);
});
