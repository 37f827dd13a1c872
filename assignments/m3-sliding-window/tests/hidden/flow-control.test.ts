/**
 * Flow control of milestone 3, with the harness as the peer. As a receiver: the window advertised
 * is the free receive buffer (SO_RCVBUF), shrinking as unread data arrives and growing as it is
 * read; silly-window avoidance (RFC 9293 §3.8.6.2.2): a window below min(SO_RCVBUF/2, MSS) is not
 * offered, its right edge never moves left, and a read that frees enough sends a window update at
 * once; tcpInfo's rcvNxt and rcvWnd follow the data. As a sender facing a zero window (§3.8.6.1):
 * zero-window probes in either form (one byte at SND.NXT as the RFCs send it, or Linux's empty ACK
 * at SND.UNA − 1), at doubling intervals, also when only the FIN waits; a peer that answers keeps
 * the connection alive for as long as it likes, and one that stops answering makes it fail with
 * ETIMEDOUT.
 */
import { errnoNumber } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { expectNamed } from '../../../m2-handshake/tests/support/named-check';
import type { PeerConnection } from '../../../m2-handshake/tests/support/peer-connection';
import type { TcpLab } from '../../../m2-handshake/tests/support/tcp-lab';
import { readExactly, stateOf } from '../../../m2-handshake/tests/support/tcp-sockets';
import type { Fd } from '../../../../harness/contract';
import { acceptedWith, ackOf, AT_ONCE_MS, expectBareAck, lastOfRun, mismatch, nextSegment, probeDifferences, readStackData, sendAt, seqOf } from '../support/receiver-lab';
import { DATA_RETRIES } from '../support/sender-lab';
import { seededBytes } from '../../../../harness/sim/seeded-data';

const { ACK, FIN, PSH } = TcpFlag;

/** The peer's MSS and the stack's receive buffer of the window tests: a worthwhile window is min(4000 / 2, 1000) = 1000 bytes. */
const RCVBUF = 4000;

/** The peer sends `data` from its first byte on, in full-sized segments; the stack's last ACK must take it all and announce `window`. */
async function arrive(lab: TcpLab, conn: PeerConnection, data: Uint8Array, window: number): Promise<void> {
  for (let at = 0; at < data.length; at += 1000) await sendAt(conn, at, data.subarray(at, at + 1000));
  const last = await lastOfRun(lab, 205, 60, `the ACKs of ${data.length} bytes`);
  if (!last) throw new Error(`the stack acknowledged none of the ${data.length} bytes sent`);
  if (ackOf(conn, last) !== data.length + 1 || last.header.window !== window) {
    throw mismatch(`the ACK of ${data.length} bytes`, last, [`ack ${ackOf(conn, last)} window ${last.header.window}, expected ack ${data.length + 1} window ${window}`]);
  }
}

/** Fill the stack's 4000-byte receive buffer with four full-sized segments; the last ACK says window 0. */
function fillBuffer(lab: TcpLab, conn: PeerConnection, data: Uint8Array): Promise<void> {
  return arrive(lab, conn, data.subarray(0, RCVBUF), 0);
}

describe('the receive window', () => {
  netTest('the window advertised shrinks by each unread segment and grows back by what the program reads', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t, { rcvbuf: 8000 });
    const data = seededBytes(t.seed, 'shrinking and growing', 6000);
    await sendAt(conn, 0, data.subarray(0, 1000));
    await sendAt(conn, 1000, data.subarray(1000, 2000));
    await expectBareAck(lab, conn, { ack: 2001, window: 6000, withinMs: AT_ONCE_MS, what: 'the ACK of 2000 unread bytes of 8000' });
    await sendAt(conn, 2000, data.subarray(2000, 3000));
    await sendAt(conn, 3000, data.subarray(3000, 4000));
    await expectBareAck(lab, conn, { ack: 4001, window: 4000, withinMs: AT_ONCE_MS, what: 'the ACK of 4000 unread bytes of 8000' });
    expectNamed('the bytes read', Buffer.compare(await readExactly(lab.sys, fd, 3000), data.subarray(0, 3000)), 0);
    // 7000 free is less than twice the 4000 announced: an update may or may not go; take it if it does.
    const update = await nextSegment(lab, AT_ONCE_MS, 'a window update');
    if (update && (ackOf(conn, update) !== 4001 || update.header.window !== 7000)) throw mismatch('a window update after reading 3000 bytes', update, ['expected ack 4001 window 7000']);
    await sendAt(conn, 4000, data.subarray(4000, 5000));
    await sendAt(conn, 5000, data.subarray(5000, 6000));
    await expectBareAck(lab, conn, { ack: 6001, window: 5000, withinMs: AT_ONCE_MS, what: 'the ACK of 3000 unread bytes of 8000, after reading 3000' });
  });

  netTest('a segment that starts beyond the window announced is not acceptable, even with room in the buffer: answered with an ACK, not held', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t, { rcvbuf: 4000 });
    const data = seededBytes(t.seed, 'beyond the edge', 6000);
    // The handshake announced a window of 4000 (up to 4001); the buffer then grows without the peer knowing.
    await lab.sys.setsockopt(fd, 'SO_RCVBUF', 8000);
    await sendAt(conn, 5000, data.subarray(5000, 6000));
    const answer = await nextSegment(lab, AT_ONCE_MS, 'the ACK of a segment beyond the window announced');
    if (!answer || ackOf(conn, answer) !== 1) throw new Error(`a segment 1000 bytes beyond the window announced got ${answer ? `ack ${ackOf(conn, answer)}` : 'no ACK'}; expected an ACK of 1 at once`);
    // The bytes before it: had it been held, their arrival would carry the ACK past it.
    for (let at = 0; at < 5000; at += 1000) await sendAt(conn, at, data.subarray(at, at + 1000));
    const last = await lastOfRun(lab, 205, 60, 'the ACKs of the bytes before it');
    if (!last) throw new Error('the stack acknowledged none of the 5000 bytes before the segment');
    const ack = ackOf(conn, last);
    if (ack !== 5001) throw mismatch('the ACK of 5000 bytes in order', last, [`ack ${ack}, expected 5001${ack === 6001 ? ': the segment beyond the window announced was held' : ''}`]);
  });

  netTest('with a full buffer, reading less than min(SO_RCVBUF/2, MSS) leaves the window at 0, and the next ACK still says 0', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t, { rcvbuf: RCVBUF });
    const data = seededBytes(t.seed, 'a few bytes read', RCVBUF);
    await fillBuffer(lab, conn, data);
    await readExactly(lab.sys, fd, 600);
    const early = await nextSegment(lab, 100, 'no window update');
    if (early) throw mismatch('no window update after reading 600 bytes (less than a worthwhile 1000)', early, ['a segment was sent']);
    // A probe (one byte at RCV.NXT) must be answered with an ACK, which shows the window. The byte lies
    // beyond the window announced, though within the buffer's room: it is not taken (RFC 9293: with
    // RCV.WND zero no data is acceptable; Linux drops it too).
    await sendAt(conn, RCVBUF, new Uint8Array([7]));
    const answer = await nextSegment(lab, 205, 'the ACK of a probe');
    if (!answer) throw new Error('a probe of the zero window got no ACK within 205 ms');
    const ack = ackOf(conn, answer);
    if (ack !== RCVBUF + 1 || answer.header.window !== 0) {
      const taken = ack === RCVBUF + 2 ? ': the probe byte was taken beyond the window announced (0)' : '';
      throw mismatch('the ACK of a probe: still window 0 after reading 600 bytes', answer, [`ack ${ack} window ${answer.header.window}, expected ack ${RCVBUF + 1} and window 0${taken}`]);
    }
  });

  netTest('after a zero window, reading exactly min(SO_RCVBUF/2, MSS) bytes sends a window update at once; one byte less sends none', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t, { rcvbuf: RCVBUF });
    const data = seededBytes(t.seed, 'the worthwhile amount', RCVBUF);
    await fillBuffer(lab, conn, data);
    await readExactly(lab.sys, fd, 999);
    const early = await nextSegment(lab, 50, 'no window update');
    if (early) throw mismatch('no window update after reading 999 bytes (one less than a worthwhile 1000)', early, ['a segment was sent']);
    await readExactly(lab.sys, fd, 1);
    await expectBareAck(lab, conn, { ack: RCVBUF + 1, window: 1000, withinMs: AT_ONCE_MS, what: 'the window update, at once, after reading 1000 bytes' });
  });

  netTest('a read that exactly doubles the window sends a window update at once: the new window needs to be at least twice the old, not more', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t, { rcvbuf: RCVBUF });
    await arrive(lab, conn, seededBytes(t.seed, 'doubled', 3000), 1000);
    await readExactly(lab.sys, fd, 1000);
    await expectBareAck(lab, conn, { ack: 3001, window: 2000, withinMs: AT_ONCE_MS, what: 'the window update, at once, after a read that took the window from 1000 to 2000' });
  });

  netTest("across 2^32 a read that reopens a zero window sends the update at once: the window's right edge moves past the wrap", async (t) => {
    const { lab, conn, fd } = await acceptedWith(t, { rcvbuf: 2000, peerIsn: 2 ** 32 - 3000 });
    await arrive(lab, conn, seededBytes(t.seed, 'edge past the wrap', 2000), 0);
    await readExactly(lab.sys, fd, 1000);
    await expectBareAck(lab, conn, { ack: 2001, window: 1000, withinMs: AT_ONCE_MS, what: "the window update after reading 1000 bytes (the peer's numbers reach 2^32 999 bytes after the buffer's end)" });
  });

  netTest('with a buffer smaller than two segments the worthwhile window is half the buffer: after SO_RCVBUF 1500 fills, reading 750 bytes (not an MSS of 1000) reopens the window', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t, { rcvbuf: 1500 });
    const data = seededBytes(t.seed, 'a small buffer', 1500);
    await sendAt(conn, 0, data.subarray(0, 1000));
    await sendAt(conn, 1000, data.subarray(1000));
    const last = await lastOfRun(lab, 205, 60, 'the ACKs of a full buffer');
    if (!last || ackOf(conn, last) !== 1501 || last.header.window !== 0) {
      throw new Error(`the 1500 bytes that fill the buffer were not acknowledged with window 0 (${last ? `ack ${ackOf(conn, last)} window ${last.header.window}` : 'no ACK'})`);
    }
    await readExactly(lab.sys, fd, 749);
    const early = await nextSegment(lab, 50, 'no window update');
    if (early) throw mismatch('no window update after reading 749 bytes (one less than a worthwhile 750)', early, ['a segment was sent']);
    await readExactly(lab.sys, fd, 1);
    await expectBareAck(lab, conn, { ack: 1501, window: 750, withinMs: AT_ONCE_MS, what: 'the window update, at once, after reading half the buffer' });
  });

  netTest('the right edge of the window never moves left: a small room left in the buffer keeps the window already offered', async (t) => {
    const { lab, conn } = await acceptedWith(t, { rcvbuf: RCVBUF });
    const data = seededBytes(t.seed, 'the right edge', 3500);
    const edges: number[] = [];
    const take = async (what: string): Promise<void> => {
      const segment = await nextSegment(lab, 205, what);
      if (!segment) throw new Error(`no ACK came: ${what}`);
      const edge = ackOf(conn, segment) + segment.header.window;
      if (edges.length > 0 && edge < edges[edges.length - 1]!) {
        throw mismatch(what, segment, [`the right edge (ack + window) is ${edge}, left of the ${edges[edges.length - 1]} announced before`]);
      }
      edges.push(edge);
    };
    await sendAt(conn, 0, data.subarray(0, 1000));
    await sendAt(conn, 1000, data.subarray(1000, 2000));
    await take('the ACK of the first 2000 bytes');
    await sendAt(conn, 2000, data.subarray(2000, 3000));
    await take('the ACK of 3000 bytes');
    // 500 bytes left in the buffer: less than worthwhile, but within the window already offered.
    await sendAt(conn, 3000, data.subarray(3000, 3500));
    await take('the ACK of 3500 bytes (500 bytes of room left)');
    expectNamed('the right edges announced (ack + window)', edges, [4001, 4001, 4001]);
  });
});

describe('tcpInfo of the receiver', () => {
  netTest('tcpInfo rcvNxt follows the in-order data that arrives (not held data) and rcvWnd the free buffer as data arrives and is read', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t, { rcvbuf: RCVBUF });
    const data = seededBytes(t.seed, 'tcpInfo', 3000);
    const rcv = async (): Promise<{ rcvNxt: number; rcvWnd: number }> => {
      const info = await lab.sys.tcpInfo(fd);
      return { rcvNxt: (info.rcvNxt - conn.peerIsn) >>> 0, rcvWnd: info.rcvWnd };
    };
    expectNamed('tcpInfo rcvNxt and rcvWnd after the handshake', await rcv(), { rcvNxt: 1, rcvWnd: RCVBUF });
    await sendAt(conn, 0, data.subarray(0, 1500));
    await lab.sleep(AT_ONCE_MS);
    expectNamed('tcpInfo rcvNxt and rcvWnd after 1500 bytes arrived', await rcv(), { rcvNxt: 1501, rcvWnd: 2500 });
    await sendAt(conn, 2000, data.subarray(2000, 3000));
    await lab.sleep(AT_ONCE_MS);
    expectNamed('tcpInfo rcvNxt after data held beyond a gap', (await rcv()).rcvNxt, 1501);
    await sendAt(conn, 1500, data.subarray(1500, 2000));
    await lab.sleep(AT_ONCE_MS);
    expectNamed('tcpInfo rcvNxt and rcvWnd once the gap is filled', await rcv(), { rcvNxt: 3001, rcvWnd: 1000 });
    await readExactly(lab.sys, fd, 2500);
    expectNamed('tcpInfo rcvNxt and rcvWnd after reading 2500 bytes', await rcv(), { rcvNxt: 3001, rcvWnd: 3500 });
  });
});

/** The stack has sent 1000 bytes, acknowledged by the peer with a zero window, and 500 more are written: it must probe. */
async function zeroWindowWithData(lab: TcpLab, conn: PeerConnection, fd: Fd, data: Uint8Array): Promise<void> {
  await lab.sys.send(fd, data.subarray(0, 1000));
  await conn.expect({ flags: PSH | ACK, seq: 1, data: data.subarray(0, 1000) });
  await conn.send({ flags: ACK, window: 0 });
  await lab.sleep(AT_ONCE_MS);
  await lab.sys.send(fd, data.subarray(1000));
}

/** Take zero-window probes for `forMs` (or until `count` came), each answered with window 0 when `answer`; returns their times (µs). */
async function probes(lab: TcpLab, conn: PeerConnection, data: Uint8Array, { forMs, count = Infinity, answer }: { forMs: number; count?: number; answer: boolean }): Promise<number[]> {
  const times: number[] = [];
  const until = lab.net.sim.nowUs + forMs * 1000;
  while (times.length < count && lab.net.sim.nowUs < until) {
    const left = Math.ceil((until - lab.net.sim.nowUs) / 1000);
    const probe = await nextSegment(lab, left, 'a zero-window probe');
    if (!probe) break;
    if (probe.header.flags & TcpFlag.RST) break; // the connection gave up (a stack may tell the peer)
    const differences = probeDifferences(conn, probe, 1001, data[1000]!);
    if (differences.length > 0) throw mismatch(`zero-window probe ${times.length + 1}`, probe, differences);
    times.push(probe.timeUs);
    if (answer) await conn.send({ flags: ACK, ack: 1001, window: 0 });
  }
  return times;
}

describe('the persist timer', () => {
  netTest('zero-window probes come at growing intervals, each twice the one before (up to 120 s)', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t);
    const data = seededBytes(t.seed, 'probed', 1500);
    await zeroWindowWithData(lab, conn, fd, data);
    const times = await probes(lab, conn, data, { forMs: 120_000, count: 6, answer: true });
    if (times.length < 6) throw new Error(`only ${times.length} zero-window probes came in 120 s (times ${times.map((us) => us / 1000).join(', ')} ms); expected at least 6`);
    const gaps = times.slice(1).map((us, i) => us - times[i]!);
    for (let i = 1; i < gaps.length; i++) {
      const ratio = gaps[i]! / gaps[i - 1]!;
      if (ratio < 1.9 || ratio > 2.1) {
        throw new Error(`the intervals between zero-window probes are ${gaps.map((us) => `${us / 1000} ms`).join(', ')}: interval ${i + 1} is ${ratio.toFixed(2)} times the one before, expected twice`);
      }
    }
  });

  netTest('a peer that answers every probe with a zero window keeps the connection alive for 20 minutes, and the data flows once it opens the window', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t);
    const data = seededBytes(t.seed, 'twenty minutes', 1500);
    await zeroWindowWithData(lab, conn, fd, data);
    const times = await probes(lab, conn, data, { forMs: 20 * 60_000, answer: true });
    expectNamed('the state after 20 minutes of zero window, every probe answered', await stateOf(lab.sys, fd), 'ESTABLISHED');
    if (times.length < 15) throw new Error(`only ${times.length} probes in 20 minutes; expected at least 15 (intervals double up to 120 s)`);
    await conn.send({ flags: ACK, ack: 1001, window: 65535 });
    conn.rcvNxt = 1001;
    const rest = await readStackData(lab, conn, 500);
    expectNamed('the bytes sent once the window opened equal the bytes written', Buffer.compare(rest, data.subarray(1000)), 0);
  });

  netTest('a FIN held back by a zero window waits, the window probed meanwhile, and goes once the window opens', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t);
    const data = seededBytes(t.seed, 'fin behind', 1000);
    await lab.sys.send(fd, data);
    await conn.expect({ flags: PSH | ACK, seq: 1, data });
    await conn.send({ flags: ACK, window: 0 });
    await lab.sleep(AT_ONCE_MS);
    await lab.sys.shutdown(fd, 'wr');
    // The FIN takes a sequence number: none may go into the zero window before the persist timer's first probe.
    const early = await nextSegment(lab, 150, 'anything within 150 ms of shutdown');
    if (early && early.header.flags & FIN) {
      throw mismatch('no FIN within 150 ms of shutdown(SHUT_WR) into a zero window', early, ['the FIN was sent at once: it takes a sequence number, and waits for the window as data does']);
    }
    // Nothing is in flight: without probes, a lost window update would leave both ends waiting forever.
    const probeTimes: number[] = [];
    while (probeTimes.length < 2) {
      const probe = await nextSegment(lab, 4000, 'a zero-window probe for the FIN');
      if (!probe) throw new Error(`${probeTimes.length} probes came for a FIN held back by a zero window, nothing in flight; expected the persist timer to probe (2 within 4 s of each other)`);
      const seq = seqOf(conn, probe);
      const finProbe = probe.header.flags === (FIN | ACK) && seq === 1001 && probe.payload.length === 0;
      const ackProbe = probe.header.flags === ACK && seq === 1000 && probe.payload.length === 0;
      if (!finProbe && !ackProbe) throw mismatch(`probe ${probeTimes.length + 1} for the FIN`, probe, ['expected an empty ACK at SND.UNA − 1 (1000), or the FIN itself at 1001']);
      probeTimes.push(probe.timeUs);
      await conn.send({ flags: ACK, ack: 1001, window: 0 });
    }
    await conn.send({ flags: ACK, ack: 1001, window: 65535 });
    // The FIN goes at once, or (when it was the probe) when its timer next fires: at most 120 s.
    for (;;) {
      const segment = await nextSegment(lab, 121_000, 'the FIN once the window opened');
      if (!segment) throw new Error('no FIN came within 121 s of the window opening');
      if ((segment.header.flags & FIN) === 0) continue;
      expectNamed('the sequence number of the FIN', seqOf(conn, segment), 1001);
      break;
    }
    expectNamed('the state once the FIN is out', await stateOf(lab.sys, fd), 'FIN_WAIT_1');
  });

  netTest('when the peer stops answering zero-window probes the connection eventually fails with ETIMEDOUT', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t);
    const data = seededBytes(t.seed, 'unanswered', 1500);
    await zeroWindowWithData(lab, conn, fd, data);
    const times = await probes(lab, conn, data, { forMs: 40 * 60_000, answer: false });
    expectNamed('the state after unanswered probes', await stateOf(lab.sys, fd), 'CLOSED');
    expectNamed('SO_ERROR after unanswered probes', await lab.sys.getsockopt(fd, 'SO_ERROR'), errnoNumber('ETIMEDOUT'));
    expectNamed('unanswered probes before the connection gave up', times.length, DATA_RETRIES);
  });

  netTest('the persist timer starts afresh each time the window closes: after backed-off probes and the window opening, the next zero window is first probed one RTO after it closed', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t);
    const data = seededBytes(t.seed, 'closed twice', 2000);
    await zeroWindowWithData(lab, conn, fd, data.subarray(0, 1500));
    const closedUs = lab.net.sim.nowUs;
    const first = await probes(lab, conn, data, { forMs: 30_000, count: 4, answer: true });
    if (first.length < 4) throw new Error(`only ${first.length} probes came in 30 s of zero window`);
    const firstDelayMs = (first[0]! - closedUs) / 1000;
    await conn.send({ flags: ACK, ack: 1001, window: 65535 });
    conn.rcvNxt = 1001;
    await readStackData(lab, conn, 500);
    await conn.send({ flags: ACK, ack: 1501, window: 0 });
    await lab.sleep(AT_ONCE_MS);
    await lab.sys.send(fd, data.subarray(1500));
    const reclosedUs = lab.net.sim.nowUs;
    const probe = await nextSegment(lab, 2 * firstDelayMs, 'the first probe of the second zero window');
    if (!probe) throw new Error(`no probe came within ${2 * firstDelayMs} ms of the window closing again (the first zero window's first probe came ${firstDelayMs} ms after it closed): the persist backoff of the first zero window was kept`);
    const differences = probeDifferences(conn, probe, 1501, data[1500]!);
    if (differences.length > 0) throw mismatch('the first probe of the second zero window', probe, differences);
    expectNamed('ms from the second zero window to its first probe, within twice the first one', (probe.timeUs - reclosedUs) / 1000 <= 2 * firstDelayMs, true);
  });
});
