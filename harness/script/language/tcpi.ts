/**
 * packetdrill's inline assertions on a socket's `struct tcp_info`: `%{ assert tcpi_snd_cwnd == 10 }%`.
 * packetdrill runs Python there; socklab takes only what such lines need: comparisons of tcpi_
 * fields with whole numbers, joined by `and`. Each field is one socklab stacks and Linux both
 * report, in Linux's units (segments, microseconds), so one line holds on either: the simulator
 * reads the stack's `tcpInfo`, Linux answers getsockopt(TCP_INFO).
 */
import { ScriptSyntaxError, type Position } from './errors';

export const TCPI_FIELDS = {
  tcpi_state: 'the TCP state, as Linux numbers it (1 ESTABLISHED, 2 SYN_SENT, ... 11 CLOSING)',
  tcpi_ca_state: 'where congestion control is, as Linux numbers it (0 Open, 1 Disorder, 3 Recovery, 4 Loss)',
  tcpi_rto: 'the retransmission timeout (µs)',
  tcpi_rtt: 'the smoothed round-trip time (µs)',
  tcpi_rttvar: 'its variation (µs)',
  tcpi_snd_mss: 'the MSS the socket sends (bytes)',
  tcpi_snd_cwnd: 'the congestion window (segments)',
  tcpi_snd_ssthresh: 'the slow-start threshold (segments; 2147483647 before the first loss)',
  tcpi_total_retrans: 'segments retransmitted over the connection’s life',
} as const;

export type TcpiField = keyof typeof TCPI_FIELDS;

/** The tcpi_ fields of a socket, as getsockopt(TCP_INFO) gives them. */
export type TcpiValues = Readonly<Record<TcpiField, number>>;

export type Comparison = '==' | '!=' | '<=' | '>=' | '<' | '>';

/** One comparison of an assertion: `tcpi_snd_cwnd == 10`. */
export interface TcpiCondition {
  readonly field: TcpiField;
  readonly comparison: Comparison;
  readonly value: number;
}

const CONDITION = /^(\w+)\s*(==|!=|<=|>=|<|>)\s*(0x[0-9a-fA-F]+|\d+)$/;

/** The conditions of `code`, the text between `%{` and `}%`, which starts at `at`. */
export function parseAssertion(code: string, at: Position): TcpiCondition[] {
  const match = /^\s*assert\s+(.+?)\s*$/s.exec(code);
  if (!match) throw new ScriptSyntaxError('socklab runs no Python: %{ }% takes `assert` and comparisons of tcpi_ fields joined by `and`', at);
  return match[1]!.split(/\s+and\s+/).map((text) => {
    const parts = CONDITION.exec(text.trim());
    if (!parts) throw new ScriptSyntaxError(`${JSON.stringify(text.trim())} is not a comparison of a tcpi_ field with a whole number (tcpi_snd_cwnd == 10)`, at);
    const [, field = '', comparison, value = ''] = parts;
    if (!Object.prototype.hasOwnProperty.call(TCPI_FIELDS, field)) {
      throw new ScriptSyntaxError(`${field} is not a tcpi_ field socklab reads; it reads ${Object.keys(TCPI_FIELDS).join(', ')}`, at);
    }
    return { field: field as TcpiField, comparison: comparison as Comparison, value: Number(value) };
  });
}

/** Whether `actual` stands in `comparison` to `expected`. */
export function holds(actual: number, comparison: Comparison, expected: number): boolean {
  switch (comparison) {
    case '==':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
  }
}

/** The conditions `values` break, each as a sentence. */
export function brokenConditions(conditions: readonly TcpiCondition[], values: TcpiValues): string[] {
  return conditions
    .filter(({ field, comparison, value }) => !holds(values[field], comparison, value))
    .map(({ field, comparison, value }) => `${field} is ${values[field]}, expected ${comparison} ${value}`);
}
