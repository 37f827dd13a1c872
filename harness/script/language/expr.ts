/**
 * Syscall arguments as written, before they mean anything: C-like values that parse-syscall.ts
 * then reads per syscall.
 *
 *     ...                         the script's default (an address) or "don't care"
 *     3   0x800   -1              whole numbers (exact, to 64 bits and beyond: epoll's u64)
 *     SOCK_STREAM   ECONNREFUSED  names
 *     O_RDWR|O_NONBLOCK           flags or-ed together
 *     "reno"                      a string
 *     [1]   [{fd=4, events=POLLIN}]                         a list (an int pointer, an array)
 *     {sin_port=htons(8080), sin_addr=inet_addr("10.0.0.1")}  a struct, with calls inside
 */
import type { Position } from './errors';
import type { Lexer, Token } from './lexer';
import { exactIntegerValue, isPunct, takeName, takePunct, unexpected } from './read';

/** A struct field: `name=value`. */
export interface Field extends Position {
  readonly name: string;
  readonly value: Expr;
}

/** One argument expression, with the position where it starts. */
export type Expr = Position &
  (
    | { readonly kind: 'ellipsis' }
    /** `text`: as written (`0x10`, `-1`), for messages. */
    | { readonly kind: 'number'; readonly value: bigint; readonly text: string }
    | { readonly kind: 'name'; readonly name: string }
    | { readonly kind: 'or'; readonly parts: readonly Expr[] }
    | { readonly kind: 'string'; readonly value: string }
    | { readonly kind: 'list'; readonly items: readonly Expr[] }
    | { readonly kind: 'struct'; readonly fields: readonly Field[] }
    | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[] }
  );

/** Read one expression: terms joined by `|`. */
export function parseExpr(lexer: Lexer): Expr {
  const first = parseTerm(lexer);
  if (!isPunct(lexer.peek(), '|')) return first;
  const parts = [first];
  while (isPunct(lexer.peek(), '|')) {
    lexer.next();
    parts.push(parseTerm(lexer));
  }
  return { kind: 'or', parts, line: first.line, column: first.column };
}

/**
 * Read `open` items `close`, separated by commas, e.g. the arguments of a call.
 * `what` names the list in messages ("the arguments of bind").
 */
export function parseList<T>(lexer: Lexer, close: string, what: string, item: (lexer: Lexer) => T): T[] {
  const items: T[] = [];
  if (isPunct(lexer.peek(), close)) {
    lexer.next();
    return items;
  }
  for (;;) {
    items.push(item(lexer));
    const token = lexer.next();
    if (isPunct(token, close)) return items;
    if (!isPunct(token, ',')) throw unexpected(token, `',' or '${close}' in ${what}`);
  }
}

function parseTerm(lexer: Lexer): Expr {
  const token = lexer.next();
  const at = { line: token.line, column: token.column };
  if (isPunct(token, '...')) return { kind: 'ellipsis', ...at };
  if (isPunct(token, '-')) {
    const digits = lexer.next();
    return { kind: 'number', value: -integer(digits), text: `-${digits.text}`, ...at };
  }
  if (token.kind === 'number') return { kind: 'number', value: integer(token), text: token.text, ...at };
  if (token.kind === 'string') return { kind: 'string', value: token.text, ...at };
  if (isPunct(token, '[')) return { kind: 'list', items: parseList(lexer, ']', 'a list', parseExpr), ...at };
  if (isPunct(token, '{')) return { kind: 'struct', fields: parseList(lexer, '}', 'a struct', parseField), ...at };
  if (token.kind === 'name') {
    if (!isPunct(lexer.peek(), '(')) return { kind: 'name', name: token.text, ...at };
    lexer.next();
    return { kind: 'call', name: token.text, args: parseList(lexer, ')', `the arguments of ${token.text}`, parseExpr), ...at };
  }
  throw unexpected(token, 'a value (a number, a name, ..., [list] or {struct})');
}

function parseField(lexer: Lexer): Field {
  const name = takeName(lexer, 'a field name (name=value)');
  takePunct(lexer, '=', `'=' after the field name ${name.text}`);
  return { name: name.text, value: parseExpr(lexer), line: name.line, column: name.column };
}

function integer(token: Token): bigint {
  const value = exactIntegerValue(token);
  if (value === undefined) throw unexpected(token, 'a whole number');
  return value;
}
