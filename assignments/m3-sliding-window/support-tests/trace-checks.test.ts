/**
 * The retransmission rule of trace-checks.ts on traces written by hand: a timeout waits the
 * minimum RTO and backs off, while milestone 4's loss recovery (a fast retransmit on the third
 * duplicate ACK, a resend after a partial ACK or as the window grows after a timeout) passes, so
 * that a stack a milestone ahead keeps milestone 3's points. Not graded: it checks the checker.
 */
import { checkRetransmissionTiming, type Flow, type FlowSegment } from '../tests/support/trace-checks';

const MSS = 1000;
const sender = { address: '10.0.0.1', port: 40000 };
const receiver = { address: '10.0.0.2', port: 5001 };

const base: Omit<FlowSegment, 'timeUs' | 'event' | 'fromSender' | 'seq' | 'ack' | 'len'> = {
  hasAck: true,
  syn: false,
  fin: false,
  rst: false,
  window: 64_000,
  intact: true,
};

/** The sender sends MSS bytes at `seq` at `ms`. */
const data = (ms: number, seq: number): FlowSegment => ({ ...base, timeUs: ms * 1000, event: 'send', fromSender: true, seq, ack: 1, len: MSS });
/** The sender is handed an ACK of `ack` at `ms`. */
const ack = (ms: number, value: number): FlowSegment => ({ ...base, timeUs: ms * 1000, event: 'deliver', fromSender: false, seq: 1, ack: value, len: 0 });

const flow = (...segments: FlowSegment[]): Flow => ({
  sender,
  receiver,
  // The handshake: the sender's SYN, and the ACK of it (SND.UNA = 1).
  segments: [{ ...base, timeUs: 0, event: 'send', fromSender: true, seq: 0, ack: 0, len: 0, syn: true, hasAck: false }, ack(0, 1), ...segments],
});

/** Four segments from seq 1 sent at 1–4 ms; the first is lost. */
const window = [1, 2, 3, 4].map((ms, i) => data(ms, 1 + i * MSS));
const duplicates = (n: number): FlowSegment[] => Array.from({ length: n }, (_, i) => ack(11 + i, 1));

describe('the retransmission rule of the m3 trace checks', () => {
  test('a fast retransmit on the third duplicate ACK passes', () => {
    expect(() => checkRetransmissionTiming(flow(...window, ...duplicates(3), data(13, 1)))).not.toThrow();
  });

  test('a resend on the second duplicate ACK is early', () => {
    expect(() => checkRetransmissionTiming(flow(...window, ...duplicates(2), data(12, 1)))).toThrow(/only 11\.000 ms later: a retransmission waits at least the minimum RTO/);
  });

  test('a resend after three duplicate ACKs, but at an instant no ACK arrived, is a timeout: early', () => {
    expect(() => checkRetransmissionTiming(flow(...window, ...duplicates(3), data(30, 1)))).toThrow(/only 29\.000 ms later/);
  });

  test('after a fast retransmit, a partial ACK may resend the next hole at once, but only once', () => {
    const recovery = [...window, ...duplicates(3), data(13, 1), ack(24, 1 + MSS), data(24, 1 + MSS)];
    expect(() => checkRetransmissionTiming(flow(...recovery))).not.toThrow();
    expect(() => checkRetransmissionTiming(flow(...recovery, data(30, 1 + MSS)))).toThrow(/only 6\.000 ms later/);
  });

  test('after a timeout, the rest of the window may be resent as ACKs come in', () => {
    const timeout = [...window, data(300, 1), ack(310, 1 + MSS), data(310, 1 + MSS), data(310, 1 + 2 * MSS)];
    expect(() => checkRetransmissionTiming(flow(...timeout))).not.toThrow();
  });

  test('a timeout resends the rest of the window only after an ACK: at the timeout itself, only by its own timer', () => {
    expect(() => checkRetransmissionTiming(flow(data(1, 1), data(150, 1 + MSS), data(300, 1), data(300, 1 + MSS)))).toThrow(/only 150\.000 ms later/);
  });

  test('a second timeout of the same segment must back off, even after a fast retransmit', () => {
    const twice = [...window, ...duplicates(3), data(13, 1), data(313, 1), data(613, 1)];
    expect(() => checkRetransmissionTiming(flow(...twice))).toThrow(/the RTO must back off/);
    expect(() => checkRetransmissionTiming(flow(...twice.slice(0, -1), data(913, 1)))).not.toThrow();
  });
});
