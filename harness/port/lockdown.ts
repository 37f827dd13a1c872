/**
 * What Node 20's permission model leaves open that a stack under test must not have. The model
 * guards the file system, child processes, workers, WASI, the inspector and native addons, but not
 * signals (`process.kill(process.ppid)` would stop the judge, `process._debugProcess` open its
 * inspector), not the network (`net`, `dgram`,
 * `fetch` reach 127.0.0.1 and unix sockets), not `v8.setFlagsFromString`, and not `trace_events`,
 * which writes its log into the working folder. A stack needs none of Node's modules but a few
 * that only compute, so after lockdown it can load only those, and only the files the judge shipped
 * (kernel-loader.ts): the harness has loaded all it needs by then.
 */
import Module from 'node:module';

/** The only Node modules a stack may load: they compute and touch nothing outside the process. */
export const ALLOWED_BUILTINS: ReadonlySet<string> = new Set(['assert', 'assert/strict', 'buffer', 'events', 'string_decoder', 'util']);

/** Globals that reach the network without `require`. */
const NETWORK_GLOBALS = ['fetch', 'Request', 'Response', 'Headers', 'FormData', 'WebSocket', 'EventSource'];

function denied(what: string): never {
  throw Object.assign(new Error(`Access to this API has been restricted: a stack under test may not ${what}`), { code: 'ERR_ACCESS_DENIED' });
}

/** `node:net` → `net`; undefined for anything that is not one of Node's own modules. */
function builtinName(request: string): string | undefined {
  const name = request.startsWith('node:') ? request.slice('node:'.length) : request;
  return Module.isBuiltin(request) ? name : undefined;
}

function checkBuiltin(request: string): void {
  const name = builtinName(request);
  if (name !== undefined && !ALLOWED_BUILTINS.has(name)) {
    denied(`load node:${name} (it runs without network, files, processes or debugging; it may load ${[...ALLOWED_BUILTINS].join(', ')})`);
  }
}

/** Take away what the stack must not have. Called before the submission loads, so that it never sees the originals. */
export function lockdown(): void {
  process.kill = () => denied('signal processes');
  // process.kill is a wrapper: the binding it calls is reachable as process._kill. And
  // process._debugProcess(pid) sends SIGUSR1, which opens the inspector of a Node process (the
  // judge's) on 127.0.0.1:9229, where anything on the machine could then run code in it.
  for (const name of ['_kill', '_debugProcess']) Reflect.set(process, name, () => denied('signal processes'));
  // What the machine is and where the judge keeps its files are none of the stack's business.
  Object.defineProperty(process, 'report', { value: undefined });
  process.execArgv = [];
  process.argv = [process.argv0];

  // Every `require`, `module.require` and `createRequire` goes through Module._load.
  const internals = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const load = internals._load.bind(Module);
  internals._load = (request, parent, isMain) => {
    checkBuiltin(request);
    return load(request, parent, isMain);
  };
  const getBuiltin = Reflect.get(process, 'getBuiltinModule') as ((id: string) => unknown) | undefined;
  if (getBuiltin) {
    Reflect.set(process, 'getBuiltinModule', (id: string) => {
      checkBuiltin(id);
      return getBuiltin.call(process, id);
    });
  }
  // The permission model denies it too, but in a message that says only 'process.binding'.
  Reflect.set(process, 'binding', () => denied('reach Node’s internal bindings'));
  for (const name of NETWORK_GLOBALS) Reflect.deleteProperty(globalThis, name);
  // Code compiled from a string escapes both the transpiler and Module._load (a raw `import()`):
  // the process runs with --disallow-code-generation-from-strings, and the loader keeps _compile.
  Reflect.set(Module.prototype, '_compile', () => denied('compile code at run time'));
}
