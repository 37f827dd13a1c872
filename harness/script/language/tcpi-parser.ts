/**
 * The Python of `%{ assert … }%` lines (tcpi.ts), read by recursive descent with Python's
 * precedence: `or` below `and` below `not`, below comparisons, which chain as Python's do
 * (`a <= b < c` is `a <= b and b < c`). `assert condition, message` is common in packetdrill
 * scripts: the message only labels a failure there, and socklab's failures name the fields.
 */
import { ScriptSyntaxError, type Position } from './errors';
import { isTcpiField, TCPI_FIELDS, type Comparison, type TcpiCondition, type TcpiOperand } from './tcpi';

const TOKEN = /\s*(?:(0x[0-9a-fA-F]+|\d+)|([A-Za-z_]\w*)|(==|!=|<=|>=|<|>|\(|\)|\[|\]|,))/y;
const COMPARISONS: readonly string[] = ['==', '!=', '<=', '>=', '<', '>'];
const EXAMPLE = '(tcpi_snd_cwnd == 10)';

type Token = { readonly kind: 'number'; readonly value: number; readonly text: string } | { readonly kind: 'name' | 'symbol'; readonly text: string };

/** The condition of `code`, the text between `%{` and `}%`, which starts at `at`. */
export function parseAssertion(code: string, at: Position): TcpiCondition {
  const match = /^\s*assert\s+(.+?)\s*$/s.exec(code);
  if (!match || /[;\n]/.test(match[1]!)) throw new ScriptSyntaxError('socklab runs no Python: %{ }% takes one `assert` of comparisons of tcpi_ fields with whole numbers', at);
  const condition = withoutMessage(match[1]!);
  return new ConditionReader(condition, tokens(condition, at), at).read();
}

/** `condition, message` without its message: the text up to the first comma outside brackets and quotes. */
function withoutMessage(text: string): string {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) return text.slice(0, i);
  }
  return text;
}

function tokens(text: string, at: Position): Token[] {
  const found: Token[] = [];
  TOKEN.lastIndex = 0;
  while (!/^\s*$/.test(text.slice(TOKEN.lastIndex))) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) throw new ScriptSyntaxError(`${JSON.stringify(text.slice(start).trim())} is not part of a comparison of a tcpi_ field with a whole number ${EXAMPLE}`, at);
    const [, number, name, symbol] = match;
    if (number !== undefined) found.push({ kind: 'number', value: Number(number), text: number });
    else if (name !== undefined) found.push({ kind: 'name', text: name });
    else found.push({ kind: 'symbol', text: symbol! });
  }
  return found;
}

class ConditionReader {
  private next = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
    private readonly at: Position,
  ) {}

  read(): TcpiCondition {
    const condition = this.or();
    if (this.next < this.tokens.length) throw this.notAComparison();
    return condition;
  }

  private or(): TcpiCondition {
    return this.joined('or', () => this.and());
  }

  private and(): TcpiCondition {
    return this.joined('and', () => this.not());
  }

  private joined(kind: 'and' | 'or', operand: () => TcpiCondition): TcpiCondition {
    const operands = [operand()];
    while (this.take(kind)) operands.push(operand());
    return operands.length === 1 ? operands[0]! : { kind, operands };
  }

  private not(): TcpiCondition {
    return this.take('not') ? { kind: 'not', operand: this.not() } : this.atom();
  }

  private atom(): TcpiCondition {
    if (this.take('(')) {
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    const first = this.operand();
    if (this.peek('in') || (this.peek('not') && this.tokens[this.next + 1]?.text === 'in')) return this.membership(first);
    const comparisons: TcpiCondition[] = [];
    let left = first;
    while (COMPARISONS.includes(this.tokens[this.next]?.text ?? '')) {
      const comparison = this.tokens[this.next++]!.text as Comparison;
      const right = this.operand();
      comparisons.push({ kind: 'compare', left, comparison, right });
      left = right;
    }
    if (comparisons.length === 0) throw this.notAComparison();
    return comparisons.length === 1 ? comparisons[0]! : { kind: 'and', operands: comparisons };
  }

  private membership(operand: TcpiOperand): TcpiCondition {
    if (!('field' in operand)) throw this.notAComparison();
    const negated = this.take('not');
    this.expect('in');
    const close = this.take('(') ? ')' : this.take('[') ? ']' : undefined;
    if (!close) throw this.notAComparison();
    const values: number[] = [];
    while (!this.take(close)) {
      const token = this.tokens[this.next++];
      if (token?.kind !== 'number') throw this.notAComparison();
      values.push(token.value);
      if (!this.take(',')) {
        this.expect(close);
        break;
      }
    }
    return { kind: 'in', field: operand.field, values, negated };
  }

  private operand(): TcpiOperand {
    const token = this.tokens[this.next++];
    if (token?.kind === 'number') return { value: token.value };
    if (token?.kind !== 'name' || ['and', 'or', 'not', 'in'].includes(token.text)) throw this.notAComparison();
    if (!isTcpiField(token.text)) throw new ScriptSyntaxError(`${token.text} is not a tcpi_ field socklab reads; it reads ${Object.keys(TCPI_FIELDS).join(', ')}`, this.at);
    return { field: token.text };
  }

  private peek(text: string): boolean {
    return this.tokens[this.next]?.text === text;
  }

  private take(text: string): boolean {
    if (!this.peek(text)) return false;
    this.next++;
    return true;
  }

  private expect(text: string): void {
    if (!this.take(text)) throw this.notAComparison();
  }

  private notAComparison(): ScriptSyntaxError {
    return new ScriptSyntaxError(`${JSON.stringify(this.text.trim())} is not a comparison of a tcpi_ field with a whole number ${EXAMPLE}, nor such comparisons joined by and, or, not`, this.at);
  }
}
