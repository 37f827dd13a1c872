/**
 * Every transition of the RFC 9293 state diagram (§3.3.2, figure 5) is exercised by a test of
 * milestone 2. transitions.json maps each transition to the tests that take a connection through
 * it; this checks that the map has every transition of the diagram and no other, that each has a
 * test, and that each test it names is one milestone.json lists (and so one that exists: see
 * scripts/tests/milestones.test.ts).
 *
 * The diagram's LISTEN → SYN_SENT (a SEND on a listener) is left out: the sockets API has no way
 * to send on a listening socket. SYN_SENT → CLOSED and SYN_RECEIVED's RST are split by the event
 * that causes them, since each needs its own test.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TcpState } from '../../harness/contract';
import { loadMilestone } from '../../grader/milestone';
import { schemaChecker } from '../../grader/schema-check';
import schema from './transitions.schema.json';

interface Transition {
  readonly from: TcpState;
  readonly event: string;
  readonly to: TcpState;
}

interface MappedTransition extends Transition {
  /** `file > full name`, as milestone.json has them: `public/scripts.test.ts > passive-open.pkt`. */
  readonly tests: readonly string[];
}

const DIAGRAM: readonly Transition[] = [
  { from: 'CLOSED', event: 'listen', to: 'LISTEN' },
  { from: 'CLOSED', event: 'connect: send SYN', to: 'SYN_SENT' },
  { from: 'LISTEN', event: 'receive SYN: send SYN-ACK', to: 'SYN_RECEIVED' },
  { from: 'LISTEN', event: 'close', to: 'CLOSED' },
  { from: 'SYN_SENT', event: 'receive SYN: send SYN-ACK (simultaneous open)', to: 'SYN_RECEIVED' },
  { from: 'SYN_SENT', event: 'receive SYN-ACK: send ACK', to: 'ESTABLISHED' },
  { from: 'SYN_SENT', event: 'close', to: 'CLOSED' },
  { from: 'SYN_SENT', event: 'receive RST', to: 'CLOSED' },
  { from: 'SYN_SENT', event: 'timeout (after the last SYN retransmission)', to: 'CLOSED' },
  { from: 'SYN_RECEIVED', event: 'receive ACK of SYN', to: 'ESTABLISHED' },
  { from: 'SYN_RECEIVED', event: 'close: send FIN', to: 'FIN_WAIT_1' },
  { from: 'SYN_RECEIVED', event: 'receive RST (passive open)', to: 'LISTEN' },
  { from: 'SYN_RECEIVED', event: 'receive RST (active open)', to: 'CLOSED' },
  { from: 'ESTABLISHED', event: 'close: send FIN', to: 'FIN_WAIT_1' },
  { from: 'ESTABLISHED', event: 'receive FIN: send ACK', to: 'CLOSE_WAIT' },
  { from: 'FIN_WAIT_1', event: 'receive ACK of FIN', to: 'FIN_WAIT_2' },
  { from: 'FIN_WAIT_1', event: 'receive FIN: send ACK', to: 'CLOSING' },
  { from: 'FIN_WAIT_2', event: 'receive FIN: send ACK', to: 'TIME_WAIT' },
  { from: 'CLOSING', event: 'receive ACK of FIN', to: 'TIME_WAIT' },
  { from: 'CLOSE_WAIT', event: 'close: send FIN', to: 'LAST_ACK' },
  { from: 'LAST_ACK', event: 'receive ACK of FIN', to: 'CLOSED' },
  { from: 'TIME_WAIT', event: 'timeout after 2·MSL', to: 'CLOSED' },
];

const describeTransition = (t: Transition): string => `${t.from} → ${t.to} (${t.event})`;

const map = JSON.parse(fs.readFileSync(path.join(__dirname, 'transitions.json'), 'utf8')) as MappedTransition[];
const listed = new Set(loadMilestone(__dirname).tests.map((test) => `${test.file} > ${test.name}`));

describe('m2-handshake transitions.json', () => {
  test('conforms to its schema (transitions.schema.json)', () => {
    expect(schemaChecker(schema)(map)).toEqual([]);
  });

  test('maps every transition of the RFC 9293 state diagram, and nothing else', () => {
    expect(map.map(describeTransition).sort()).toEqual(DIAGRAM.map(describeTransition).sort());
  });

  test('names at least one test for each transition', () => {
    expect(map.filter((t) => t.tests.length === 0).map(describeTransition)).toEqual([]);
  });

  test('names only tests that milestone.json lists', () => {
    expect(map.flatMap((t) => t.tests.filter((test) => !listed.has(test)).map((test) => `${describeTransition(t)}: ${test}`))).toEqual([]);
  });
});
