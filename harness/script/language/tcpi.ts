/**
 * packetdrill's inline assertions on a socket's `struct tcp_info`: `%{ assert tcpi_snd_cwnd == 10 }%`.
 * packetdrill runs Python there; socklab takes the Python such lines use (tcpi-parser.ts): an
 * `assert` of comparisons of tcpi_ fields and whole numbers, chained (`8 <= tcpi_snd_cwnd <= 12`),
 * `in (…)`, joined by `and`, `or`, `not` and parentheses, and the message after a comma, which it
 * ignores. Each field is one socklab stacks and Linux both report, in Linux's units (segments,
 * microseconds), so one line holds on either: the simulator reads the stack's `tcpInfo`, Linux
 * answers getsockopt(TCP_INFO).
 */
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

/** What a comparison compares: a field or a whole number. */
export type TcpiOperand = { readonly field: TcpiField } | { readonly value: number };

/** An assertion's condition, as Python reads it. */
export type TcpiCondition =
  | { readonly kind: 'compare'; readonly left: TcpiOperand; readonly comparison: Comparison; readonly right: TcpiOperand }
  | { readonly kind: 'in'; readonly field: TcpiField; readonly values: readonly number[]; readonly negated: boolean }
  | { readonly kind: 'not'; readonly operand: TcpiCondition }
  | { readonly kind: 'and' | 'or'; readonly operands: readonly TcpiCondition[] };

export function isTcpiField(name: string): name is TcpiField {
  return Object.prototype.hasOwnProperty.call(TCPI_FIELDS, name);
}

function holds(actual: number, comparison: Comparison, expected: number): boolean {
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

const valueOf = (operand: TcpiOperand, values: TcpiValues): number => ('field' in operand ? values[operand.field] : operand.value);

/** Whether `condition` holds for `values`. */
export function conditionHolds(condition: TcpiCondition, values: TcpiValues): boolean {
  switch (condition.kind) {
    case 'compare':
      return holds(valueOf(condition.left, values), condition.comparison, valueOf(condition.right, values));
    case 'in':
      return condition.values.includes(values[condition.field]) !== condition.negated;
    case 'not':
      return !conditionHolds(condition.operand, values);
    case 'and':
      return condition.operands.every((operand) => conditionHolds(operand, values));
    case 'or':
      return condition.operands.some((operand) => conditionHolds(operand, values));
  }
}

const operandText = (operand: TcpiOperand): string => ('field' in operand ? operand.field : String(operand.value));

/** `condition` written out as a script would (`tcpi_snd_cwnd == 10 and tcpi_state == 1`). */
export function describeCondition(condition: TcpiCondition): string {
  switch (condition.kind) {
    case 'compare':
      return `${operandText(condition.left)} ${condition.comparison} ${operandText(condition.right)}`;
    case 'in':
      return `${condition.field} ${condition.negated ? 'not in' : 'in'} (${condition.values.join(', ')})`;
    case 'not':
      return `not (${describeCondition(condition.operand)})`;
    case 'and':
    case 'or':
      return condition.operands.map((operand) => (operand.kind === 'and' || operand.kind === 'or' ? `(${describeCondition(operand)})` : describeCondition(operand))).join(` ${condition.kind} `);
  }
}

/** The fields `condition` reads, each once, in the order it names them. */
export function fieldsOf(condition: TcpiCondition): TcpiField[] {
  switch (condition.kind) {
    case 'compare':
      return [...new Set([condition.left, condition.right].flatMap((operand) => ('field' in operand ? [operand.field] : [])))];
    case 'in':
      return [condition.field];
    case 'not':
      return fieldsOf(condition.operand);
    case 'and':
    case 'or':
      return [...new Set(condition.operands.flatMap(fieldsOf))];
  }
}

/**
 * What `values` break of `condition`, each as a sentence: the parts of a conjunction that fail,
 * each on its own (`tcpi_snd_cwnd is 9, expected == 10`); any other part that fails, whole.
 */
export function brokenConditions(condition: TcpiCondition, values: TcpiValues): string[] {
  if (conditionHolds(condition, values)) return [];
  if (condition.kind === 'and') return condition.operands.flatMap((operand) => brokenConditions(operand, values));
  if (condition.kind === 'compare' && 'field' in condition.left && 'value' in condition.right) {
    return [`${condition.left.field} is ${values[condition.left.field]}, expected ${condition.comparison} ${condition.right.value}`];
  }
  const read = fieldsOf(condition).map((field) => `${field} is ${values[field]}`).join(', ');
  return [`${describeCondition(condition)} does not hold: ${read}`];
}
