/**
 * The sources of the hostile stacks, as text: each is written into a scratch folder at test time
 * (hostile/cases.ts) and never loaded by the test itself. A stack that probes a way out records
 * each attempt and says how it ended in the message of every call it fails, so the report shows
 * that the attack ran, and how it was refused. An attempt that gets through says `ESCAPED`, a word
 * that must be in no report.
 */

/** What a probing stack writes before an attempt that got through. */
export const ESCAPED = 'ESCAPED';

/** The import every stack starts with: staged beside harness/, a stack imports `../harness/contract`. */
const CONTRACT = "import { SocketError, type CreateKernel, type Kernel } from '../harness/contract';\n";

/**
 * The start of every probing stack: `attempt(what, run)` runs one way out and records how it
 * ended; `load(name)` is `require` (a stack's own `require`, which the kernel process watches);
 * `readText(file)` tries every way a stack could read a file without being given one.
 */
const PROBE_PRELUDE = String.raw`
const found: string[] = [];
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').slice(0, 200);
}
function attempt(what: string, run: () => unknown): void {
  try {
    const value = run();
    if (value && typeof (value as Promise<unknown>).then === 'function') {
      (value as Promise<unknown>).then(
        (got) => found.push('${ESCAPED} ' + what + ': ' + String(got).slice(0, 200)),
        (error) => found.push(what + ': refused later (' + firstLine(error) + ')'),
      );
      found.push(what + ': pending');
      return;
    }
    found.push('${ESCAPED} ' + what + ': ' + String(value).slice(0, 200));
  } catch (error) {
    found.push(what + ': refused (' + firstLine(error) + ')');
  }
}
function load(name: string): any {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(name);
}
/** The fs module by any way there is, or the reasons each way was refused. */
function fsModule(): any {
  const ways: [string, () => any][] = [
    ['require', () => load('node:fs')],
    ['getBuiltinModule', () => (process as any).getBuiltinModule('fs')],
    ['Module._load', () => (module.constructor as any)._load('fs')],
    ['process.binding', () => (process as any).binding('fs')],
  ];
  const refusals: string[] = [];
  for (const [name, get] of ways) {
    try {
      const fs = get();
      if (fs && typeof fs.readFileSync === 'function') return fs;
      refusals.push(name + ': no readFileSync');
    } catch (error) {
      refusals.push(name + ': ' + firstLine(error));
    }
  }
  throw new Error('no fs (' + refusals.join('; ') + ')');
}
function readText(file: string): string {
  return String(fsModule().readFileSync(file, 'utf8'));
}
`;

/** A kernel whose every call but nextDeadline fails with what the probes found. */
const PROBE_KERNEL = String.raw`
export const createKernel: CreateKernel = () =>
  new Proxy({} as Kernel, {
    get: (_target, name) => {
      if (name === 'nextDeadline') return () => undefined;
      return () => {
        throw new Error('probe: ' + found.join(' | '));
      };
    },
  });
`;

/** A stack that runs `attempts` (calls of `attempt`, `readText`, ...) when it loads, and fails every call with what they found. */
export function probeStack(attempts: string): string {
  return `${CONTRACT}void SocketError;\n${PROBE_PRELUDE}\n${attempts}\n${PROBE_KERNEL}`;
}

/** `text` with `from` (which must be there) replaced by `to`: a variation of one of the stacks here. */
export function replaced(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`the stack has no ${JSON.stringify(from)} to replace`);
  return text.replace(from, to);
}

/** `text` as a string literal of the stack's source. */
export const literal = (text: string): string => JSON.stringify(text);

/**
 * A stack that does nothing: every call returns undefined, `receive` drops every packet, and no
 * timer is ever asked for.
 */
export const DO_NOTHING = `${CONTRACT}void SocketError;
export const createKernel: CreateKernel = () => new Proxy({} as Kernel, { get: () => () => undefined });
`;

/**
 * A stack that answers like one that works but does nothing: fd 3 for a socket, every sendto
 * "sent" (nothing goes on the wire), recvfrom waiting forever (EAGAIN), every packet dropped.
 */
export const CLAIMS_SUCCESS = `${CONTRACT}
export const createKernel: CreateKernel = () => {
  let next = 3;
  return new Proxy({} as Kernel, {
    get: (_target, name) => {
      if (name === 'socket') return () => next++;
      if (name === 'sendto' || name === 'send') return (_fd: number, data: Uint8Array) => data.length;
      if (name === 'recvfrom' || name === 'recv' || name === 'accept') return () => { throw new SocketError('EAGAIN'); };
      return () => undefined;
    },
  });
};
`;

/**
 * A stack whose `socket` works (fd 3) and whose `sendto` never returns: `how` is the statement
 * that hangs. Every test that sends loses its points; the fd test keeps its own.
 */
export function hangsInSendto(how: string): string {
  return `${CONTRACT}void SocketError;
export const createKernel: CreateKernel = () =>
  new Proxy({} as Kernel, {
    get: (_target, name) => {
      if (name === 'socket') return () => 3;
      if (name === 'sendto') return () => { ${how} };
      return () => undefined;
    },
  });
`;
}
