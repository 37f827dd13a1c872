/**
 * The tokens of a packet script, pulled one at a time. Line ends are tokens (a statement is one
 * line); comments (`// ...` to the end of the line, `/* ... *\/` across lines) and blanks are not.
 *
 * Two places of the language are not made of tokens — TCP flags such as `S.` (a `.` is the ACK
 * flag there, and the start of a number elsewhere) and the free text after an errno — so the
 * parser may also take raw text at the current position with {@link Lexer.raw}.
 */
import { ScriptSyntaxError, type Position } from './errors';

/**
 * What a token is. `punct` covers `...` and the one-character symbols; `command` is text in
 * backticks, `code` the text between `%{` and `}%`.
 */
export type TokenKind = 'number' | 'address' | 'name' | 'string' | 'command' | 'code' | 'punct' | 'newline' | 'eof';

/** One token: its kind, its text as written (a string's or command's without its quotes), where it starts. */
export interface Token extends Position {
  readonly kind: TokenKind;
  readonly text: string;
  /** Offset of its first character in the source. */
  readonly offset: number;
}

const BLANK = /[ \t\r\f\v]+/y;
// A dotted quad is one token, so that 10.0.0.1 is not read as the numbers 10.0 and .0 and .1.
const ADDRESS = /\d+\.\d+\.\d+\.\d+/y;
// `0...0.1` is 0, `...`, 0.1: a fraction needs a digit right after its point.
const NUMBER = /0[xX][0-9a-fA-F]+|\d+(?:\.\d+)?|\.\d+/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const PUNCT = ['...', '(', ')', '[', ']', '{', '}', ',', '=', '|', ':', '+', '-', '*', '~', '<', '>', '.'];

export class Lexer {
  private offset = 0;
  private peeked: Token | undefined;
  private readonly lineStarts: number[] = [0];

  constructor(private readonly source: string) {
    for (let i = 0; i < source.length; i++) if (source[i] === '\n') this.lineStarts.push(i + 1);
  }

  /** The next token, without taking it. */
  peek(): Token {
    this.peeked ??= this.scan();
    return this.peeked;
  }

  /** Take the next token. */
  next(): Token {
    const token = this.peek();
    this.peeked = undefined;
    return token;
  }

  /**
   * Take the text that `pattern` (a sticky regular expression) matches at the next non-blank
   * character of this line, or nothing (undefined) when it does not match there.
   */
  raw(pattern: RegExp): (Position & { readonly text: string }) | undefined {
    if (this.peeked) {
      this.offset = this.peeked.offset;
      this.peeked = undefined;
    }
    this.skipBlanks();
    pattern.lastIndex = this.offset;
    const match = pattern.exec(this.source);
    if (!match || match.index !== this.offset || match[0].length === 0) return undefined;
    const at = this.position(this.offset);
    this.offset += match[0].length;
    return { ...at, text: match[0] };
  }

  /** Line and column (1-based) of a source offset. */
  position(offset: number): Position {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }

  /** The text of a source line (1-based), without its line end. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.source.length;
    const end = this.lineStarts[line] ?? this.source.length + 1;
    return this.source.slice(start, end - 1).replace(/\r$/, '');
  }

  private scan(): Token {
    this.skipBlanks();
    const start = this.offset;
    const token = (kind: TokenKind, length: number, text = this.source.slice(start, start + length)): Token => {
      this.offset = start + length;
      return { kind, text, offset: start, ...this.position(start) };
    };
    if (start >= this.source.length) return token('eof', 0);
    const char = this.source[start]!;
    if (char === '\n') return token('newline', 1);
    if (char === '"') return this.enclosed(start, 'string', '"', '"', 'unterminated string: expected a closing " on this line');
    if (char === '`') return this.enclosed(start, 'command', '`', '`', 'unterminated command: expected a closing ` on this line');
    if (this.source.startsWith('%{', start)) return this.enclosed(start, 'code', '%{', '}%', 'unterminated %{: expected }% on this line');
    for (const [kind, pattern] of [
      ['address', ADDRESS],
      ['number', NUMBER],
      ['name', NAME],
    ] as const) {
      pattern.lastIndex = start;
      const match = pattern.exec(this.source);
      if (match) return token(kind, match[0].length);
    }
    const punct = PUNCT.find((p) => this.source.startsWith(p, start));
    if (punct) return token('punct', punct.length);
    throw new ScriptSyntaxError(`unexpected character ${JSON.stringify(char)}`, this.position(start));
  }

  /**
   * A string ("..."), a command (`...`) or code (%{ ... }%): the text between `open`, at `start`,
   * and the next `close`, which must be on the same line (else `unterminated` is the error).
   */
  private enclosed(start: number, kind: 'string' | 'command' | 'code', open: string, close: string, unterminated: string): Token {
    const end = this.source.indexOf(close, start + open.length);
    const newline = this.source.indexOf('\n', start + open.length);
    if (end < 0 || (newline >= 0 && newline < end)) throw new ScriptSyntaxError(unterminated, this.position(start));
    this.offset = end + close.length;
    return { kind, text: this.source.slice(start + open.length, end), offset: start, ...this.position(start) };
  }

  /** Skip blanks and comments, but not line ends: they end statements. */
  private skipBlanks(): void {
    for (;;) {
      BLANK.lastIndex = this.offset;
      if (BLANK.exec(this.source)) this.offset = BLANK.lastIndex;
      if (this.source.startsWith('//', this.offset)) {
        const end = this.source.indexOf('\n', this.offset);
        this.offset = end < 0 ? this.source.length : end;
      } else if (this.source.startsWith('/*', this.offset)) {
        const end = this.source.indexOf('*/', this.offset + 2);
        if (end < 0) throw new ScriptSyntaxError('unterminated comment: expected */', this.position(this.offset));
        this.offset = end + 2;
      } else {
        return;
      }
    }
  }
}
