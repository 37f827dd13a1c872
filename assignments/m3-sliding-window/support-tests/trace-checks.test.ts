/**
 * The sender's rules of trace-checks.ts on traces written by hand. A timeout waits the minimum RTO
 * and backs off, while milestone 4's loss recovery (a fast retransmit on the third duplicate ACK,
 * a resend after a partial ACK or as the window grows after a timeout) passes, so that a stack a
 * milestone ahead keeps milestone 3's points; and what a trace cannot tell (which segments the
 * sender found acceptable, which window RFC 9293's update rule kept) is read in the sender's
 * favour, and no further. Not graded: it checks the checker.
 */
import { checkRetransmissionTiming, checkWithinWindow, type Flow, type FlowSegment } from '../tests/support/trace-checks';

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
/** The sender is handed an ACK of `ack` at `ms` (with the receiver's sequence number `seq` and `window`). */
const ack = (ms: number, value: number, seq = 1, window = base.window): FlowSegment => ({ ...base, timeUs: ms * 1000, event: 'deliver', fromSender: false, seq, ack: value, len: 0, window });
/** The sender is handed `len` bytes of the receiver's data at its `seq`, carrying an ACK of `value` and `window`. */
const peerData = (ms: number, seq: number, len: number, value: number, window = base.window): FlowSegment => ({ ...ack(ms, value, seq, window), len });

/** The handshake (the sender's SYN, and the ACK of it offering `window`: SND.UNA = 1), then `segments`. */
const flowOffering = (window: number, ...segments: FlowSegment[]): Flow => ({
  sender,
  receiver,
  segments: [{ ...base, timeUs: 0, event: 'send', fromSender: true, seq: 0, ack: 0, len: 0, syn: true, hasAck: false }, ack(0, 1, 1, window), ...segments],
});
const flow = (...segments: FlowSegment[]): Flow => flowOffering(base.window, ...segments);

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

  test('a partial ACK in the middle of a resent segment may resend SND.UNA again, cut at other boundaries', () => {
    // The first segment went out as two, of 500 bytes each, and only the first arrived late.
    const halves = [{ ...data(1, 1), len: 500 }, { ...data(1, 501), len: 500 }, ...window.slice(1)];
    const recovery = [...halves, ...duplicates(3), data(13, 1), ack(20, 501)];
    expect(() => checkRetransmissionTiming(flow(...recovery, data(20, 501)))).not.toThrow();
    expect(() => checkRetransmissionTiming(flow(...recovery, data(21, 501)))).toThrow(/only 8\.000 ms later/);
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

  test('an ACK first brought by data may teach the sender only when an empty ACK repeats it: a partial ACK answered then passes', () => {
    const recovery = [...window, ...duplicates(3), data(13, 1), peerData(20, 1, 100, 2001), ack(25, 2001, 101)];
    expect(() => checkRetransmissionTiming(flow(...recovery, data(25, 2001)))).not.toThrow();
    // Answering nothing (no ACK at 27 ms), the same resend is early.
    expect(() => checkRetransmissionTiming(flow(...recovery, data(27, 2001)))).toThrow(/only 24\.000 ms later/);
  });
});

describe('the window rule of the m3 trace checks', () => {
  // The handshake offers 2000 bytes; the sender sends its first segment; the receiver acknowledges
  // it and offers 2000 from ACK 1001 (an empty ACK inside the sender's receive window: surely
  // taken); then a reordered segment of older data (seq 3, below the empty ACK's 5) acknowledges
  // 2001 and offers nothing. RFC 9293 keeps SND.WND at 2000 (SND.WL1 is 5): SND.UNA + SND.WND is
  // 4001, beyond the largest ACK + window the receiver offered (3001).
  const offers = [data(1, 1), ack(10, 1001, 5, 2000), peerData(12, 3, 1, 2001, 0)];

  test('the sender may fill SND.UNA + SND.WND as RFC 9293 keeps it', () => {
    expect(() => checkWithinWindow(flowOffering(2000, ...offers, data(12, 3001)))).not.toThrow();
  });

  test('a byte beyond that is beyond the window', () => {
    expect(() => checkWithinWindow(flowOffering(2000, ...offers, { ...data(12, 3001), len: MSS + 1 }))).toThrow(/goes 1 bytes beyond the window the receiver offered \(right edge 4001/);
  });
});
