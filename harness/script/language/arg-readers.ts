/**
 * Reading the meaning of one syscall argument (an {@link Expr}): a number, a name from a table,
 * flags, an address struct. Each reader fails at the argument's own position, saying what the
 * argument should be.
 */
import { ERRNO_NUMBERS, isErrno, type SockAddr } from '../../contract';
import { parseAddress } from '../../wire';
import { ScriptSyntaxError } from './errors';
import type { Expr } from './expr';

/** What an expression looks like, for messages. */
function shape(e: Expr): string {
  switch (e.kind) {
    case 'ellipsis':
      return '...';
    case 'number':
      return e.text;
    case 'name':
      return e.name;
    case 'string':
      return `"${e.value}"`;
    case 'or':
      return 'flags';
    case 'list':
      return 'a list';
    case 'struct':
      return 'a struct';
    case 'call':
      return `${e.name}(...)`;
  }
}

/** The error "WHAT must be ..., not X" at `e`. */
export function wrong(e: Expr, what: string, should: string): ScriptSyntaxError {
  return new ScriptSyntaxError(`${what} must be ${should}, not ${shape(e)}`, e);
}

/** A whole number in [min, max]. */
export function readInt(e: Expr, what: string, min = 0, max = 0x7fffffff): number {
  return Number(readBigInt(e, what, BigInt(min), BigInt(max)));
}

/** A whole number in [min, max], exactly, however wide (epoll's 64-bit data). */
export function readBigInt(e: Expr, what: string, min: bigint, max: bigint): bigint {
  if (e.kind !== 'number') throw wrong(e, what, 'a number');
  if (e.value < min || e.value > max) throw new ScriptSyntaxError(`${what} ${e.text} is out of range: ${min} to ${max}`, e);
  return e.value;
}

/** A file descriptor. */
export function readFd(e: Expr, what = 'the fd'): number {
  return readInt(e, what, 0, 65535);
}

/** One name of `table` (its value), e.g. SOCK_STREAM. */
export function readName<T>(e: Expr, table: Readonly<Record<string, T>>, what: string): T {
  if (e.kind === 'name' && Object.prototype.hasOwnProperty.call(table, e.name)) return table[e.name]!;
  throw wrong(e, what, `one of ${Object.keys(table).join(', ')}`);
}

/** Flags: numbers and names of `table` or-ed together, e.g. `EPOLLIN|EPOLLET`. */
export function readFlags(e: Expr, table: Readonly<Record<string, number>>, what: string): number {
  const parts = e.kind === 'or' ? e.parts : [e];
  let mask = 0;
  for (const part of parts) mask = (mask | (part.kind === 'number' ? readInt(part, what, 0, 0xffffffff) : readName(part, table, what))) >>> 0;
  return mask;
}

/** `...`, where the script says "whatever": a buffer, an address length. */
export function readEllipsis(e: Expr, what: string): void {
  if (e.kind !== 'ellipsis') throw wrong(e, what, '...');
}

/** The fields of a struct, by name, refusing names not in `allowed`. */
export function readStruct(e: Expr, what: string, allowed: readonly string[]): Map<string, Expr> {
  if (e.kind !== 'struct') throw wrong(e, what, `a struct {${allowed.map((name) => `${name}=...`).join(', ')}}`);
  const fields = new Map<string, Expr>();
  for (const field of e.fields) {
    if (!allowed.includes(field.name)) throw new ScriptSyntaxError(`${what} has no field ${field.name}; it has ${allowed.join(', ')}`, field);
    if (fields.has(field.name)) throw new ScriptSyntaxError(`${what} gives ${field.name} twice`, field);
    fields.set(field.name, field.value);
  }
  return fields;
}

const SOCKADDR_FIELDS = ['sa_family', 'sin_family', 'sin_port', 'sin_addr'];

/**
 * An IPv4 socket address written as a struct, `{sa_family=AF_INET, sin_port=htons(8080),
 * sin_addr=inet_addr("10.0.0.1")}`; only the fields given (`...` gives none).
 */
export function readSockAddrFields(e: Expr, what: string): Partial<SockAddr> {
  if (e.kind === 'ellipsis') return {};
  const fields = readStruct(e, what, SOCKADDR_FIELDS);
  for (const family of ['sa_family', 'sin_family']) {
    const f = fields.get(family);
    if (f) readName(f, { AF_INET: 'AF_INET' }, `${what}'s ${family}`);
  }
  const port = fields.get('sin_port');
  const addr = fields.get('sin_addr');
  return {
    ...(port ? { port: readPort(port, `${what}'s sin_port`) } : {}),
    ...(addr ? { address: readInAddr(addr, `${what}'s sin_addr`) } : {}),
  };
}

/** An address argument: `...` is `fallback`, a struct replaces the fields it gives. */
export function readSockAddr(e: Expr, what: string, fallback: SockAddr): SockAddr {
  return { ...fallback, ...readSockAddrFields(e, what) };
}

function readPort(e: Expr, what: string): number {
  if (e.kind === 'call' && e.name === 'htons' && e.args.length === 1) return readInt(e.args[0]!, what, 0, 65535);
  return readInt(e, what, 0, 65535);
}

function readInAddr(e: Expr, what: string): string {
  if (e.kind === 'name' && e.name === 'INADDR_ANY') return '0.0.0.0';
  const text = e.kind === 'call' && e.name === 'inet_addr' && e.args.length === 1 && e.args[0]!.kind === 'string' ? e.args[0]!.value : undefined;
  if (text === undefined) throw wrong(e, what, 'inet_addr("a.b.c.d") or INADDR_ANY');
  const parsed = parseAddress(text);
  if (!parsed.ok) throw new ScriptSyntaxError(parsed.reason, e);
  return text;
}

/** An errno name or number, as SO_ERROR holds it: `ECONNREFUSED` is 111. */
export function readErrnoValue(e: Expr, what: string): number {
  if (e.kind === 'name' && isErrno(e.name)) return ERRNO_NUMBERS[e.name];
  if (e.kind === 'number') return readInt(e, what, 0, 0x7fffffff);
  throw wrong(e, what, 'a number or an errno name');
}

/** The one item of a `[...]` list (an int pointer in C), or the expression itself. */
export function unbracket(e: Expr, what: string): Expr {
  if (e.kind !== 'list') return e;
  if (e.items.length !== 1) throw new ScriptSyntaxError(`${what} must hold one value, like [1]`, e);
  return e.items[0]!;
}
