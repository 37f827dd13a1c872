/**
 * Small readers shared by the parsers: take a token of a given shape or fail with a message that
 * says what was expected and what was found, at the found token's position.
 */
import { ScriptSyntaxError } from './errors';
import type { Lexer, Token } from './lexer';

/** A token as a message names it: `')'`, `the end of the line`. */
export function describeToken(token: Token): string {
  if (token.kind === 'eof') return 'the end of the script';
  if (token.kind === 'newline') return 'the end of the line';
  return token.kind === 'string' ? `"${token.text}"` : `'${token.text}'`;
}

/** The error "expected X, found Y" at `token`. */
export function unexpected(token: Token, expected: string): ScriptSyntaxError {
  return new ScriptSyntaxError(`expected ${expected}, found ${describeToken(token)}`, token);
}

/** Whether `token` is the punctuation `text`. */
export function isPunct(token: Token, text: string): boolean {
  return token.kind === 'punct' && token.text === text;
}

/** Whether `token` is the name `text`. */
export function isName(token: Token, text: string): boolean {
  return token.kind === 'name' && token.text === text;
}

/** Take the punctuation `text`, or fail saying `expected` (default: the punctuation itself). */
export function takePunct(lexer: Lexer, text: string, expected = `'${text}'`): Token {
  const token = lexer.next();
  if (!isPunct(token, text)) throw unexpected(token, expected);
  return token;
}

/** Take a name, or fail saying `expected`. */
export function takeName(lexer: Lexer, expected: string): Token {
  const token = lexer.next();
  if (token.kind !== 'name') throw unexpected(token, expected);
  return token;
}

/** The exact value of an integer literal (decimal or 0x hex), or undefined when `token` is not one. */
export function exactIntegerValue(token: Token): bigint | undefined {
  return token.kind === 'number' && !token.text.includes('.') ? BigInt(token.text) : undefined;
}

/** The value of an integer literal that a number holds exactly, or undefined when `token` is not one. */
export function integerValue(token: Token): number | undefined {
  const value = exactIntegerValue(token);
  return value !== undefined && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
}

/** Take a whole number in [min, max], or fail naming `what` it is. */
export function takeInteger(lexer: Lexer, what: string, min: number, max: number): { readonly value: number; readonly token: Token } {
  const token = lexer.next();
  const value = integerValue(token);
  if (value === undefined) throw unexpected(token, `${what} (a whole number)`);
  if (value < min || value > max) throw new ScriptSyntaxError(`${what} ${value} is out of range: ${min} to ${max}`, token);
  return { value, token };
}
