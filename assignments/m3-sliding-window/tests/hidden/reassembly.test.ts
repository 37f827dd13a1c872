/**
 * The edges of reassembly and of delayed ACKs (RFC 9293 §3.10.7.4 and §3.8.6.3, RFC 1122
 * §4.2.3.2), with the harness as the peer: held segments in any order, duplicates and overlaps
 * (with delivered data, with held data) delivered exactly once, a FIN after a gap counted only
 * when the gap is filled, data beyond the receive buffer refused, and the ACK timings the RFCs and
 * Linux both allow: every out-of-order segment and the hole's filler acknowledged at once, a
 * lone segment's ACK delayed but within 200 ms, the second full-sized segment acknowledged at
 * once, and a delayed ACK riding on the program's answer.
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { expectNamed } from '../../../m2-handshake/tests/support/named-check';
import { readExactly, stateOf } from '../../../m2-handshake/tests/support/tcp-sockets';
import { acceptedWith, AT_ONCE_MS, expectBareAck, lastOfRun, mismatch, nextSegment, sendAt } from '../support/receiver-lab';
import { seededBytes } from '../../../../harness/sim/seeded-data';

const { ACK, PSH, FIN } = TcpFlag;

describe('reassembly', () => {
  netTest('three segments that arrive last-first are each answered at once with a duplicate ACK, and read back in order, byte for byte', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t);
    const data = seededBytes(t.seed, 'three segments', 2500);
    for (const [from, to] of [[1700, 2500], [900, 1700]] as const) {
      await sendAt(conn, from, data.subarray(from, to));
      await expectBareAck(lab, conn, { ack: 1, withinMs: AT_ONCE_MS, what: `the duplicate ACK of bytes ${from}..${to - 1} (after a gap)` });
    }
    lab.sys.fcntl(fd, 'O_NONBLOCK');
    await expect(lab.sys.recv(fd, 5000)).rejects.toThrow(/EAGAIN/);
    lab.sys.fcntl(fd, 'O_NONBLOCK', false);
    await sendAt(conn, 0, data.subarray(0, 900));
    await expectBareAck(lab, conn, { ack: 2501, withinMs: AT_ONCE_MS, what: 'the cumulative ACK of the segment that fills the hole' });
    expectNamed('the bytes read equal the bytes sent', Buffer.compare(await readExactly(lab.sys, fd, 2500), data), 0);
  });

  netTest('held data is ordered and delivered by sequence across 2^32: runs held on both sides of the wrap come out in order as the holes fill', async (t) => {
    // The peer's byte 999 has sequence number 0: bytes 500..899 are held before the wrap, 1700..2499 after it.
    const { lab, conn, fd } = await acceptedWith(t, { peerIsn: 2 ** 32 - 1000 });
    const data = seededBytes(t.seed, 'across the wrap', 2500);
    const steps = [
      { from: 1700, to: 2500, ack: 1, what: 'the duplicate ACK of bytes 1700..2499, held after the wrap' },
      { from: 500, to: 900, ack: 1, what: 'the duplicate ACK of bytes 500..899, held before the wrap' },
      { from: 0, to: 500, ack: 901, what: 'the ACK of the first hole filled, up to the second hole' },
      { from: 900, to: 1700, ack: 2501, what: 'the ACK, across 2^32, of the segment that fills the second hole' },
    ];
    for (const { from, to, ack, what } of steps) {
      await sendAt(conn, from, data.subarray(from, to));
      await expectBareAck(lab, conn, { ack, withinMs: AT_ONCE_MS, what });
    }
    expectNamed('the bytes read equal the bytes sent', Buffer.compare(await readExactly(lab.sys, fd, 2500), data), 0);
  });

  netTest('filling the first of two holes acknowledges at once up to the second hole, and the data before it can be read', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t);
    const data = seededBytes(t.seed, 'two holes', 3000);
    await sendAt(conn, 1000, data.subarray(1000, 1500));
    await expectBareAck(lab, conn, { ack: 1, withinMs: AT_ONCE_MS, what: 'the duplicate ACK of 1000..1499' });
    await sendAt(conn, 2000, data.subarray(2000, 3000));
    await expectBareAck(lab, conn, { ack: 1, withinMs: AT_ONCE_MS, what: 'the duplicate ACK of 2000..2999' });
    await sendAt(conn, 0, data.subarray(0, 1000));
    await expectBareAck(lab, conn, { ack: 1501, withinMs: AT_ONCE_MS, what: 'the ACK of the first hole filled: up to the second hole' });
    expectNamed('the bytes read before the second hole', Buffer.compare(await readExactly(lab.sys, fd, 1500), data.subarray(0, 1500)), 0);
    await sendAt(conn, 1500, data.subarray(1500, 2000));
    await expectBareAck(lab, conn, { ack: 3001, withinMs: AT_ONCE_MS, what: 'the ACK of the second hole filled' });
    expectNamed('the bytes read after the second hole', Buffer.compare(await readExactly(lab.sys, fd, 1500), data.subarray(1500)), 0);
  });

  netTest('a held segment that arrives twice is delivered once', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t);
    const data = seededBytes(t.seed, 'a duplicate held', 2000);
    for (let i = 0; i < 2; i++) {
      await sendAt(conn, 1000, data.subarray(1000, 2000));
      await expectBareAck(lab, conn, { ack: 1, withinMs: AT_ONCE_MS, what: `the duplicate ACK of copy ${i + 1} of the held segment` });
    }
    await sendAt(conn, 0, data.subarray(0, 1000));
    await expectBareAck(lab, conn, { ack: 2001, withinMs: AT_ONCE_MS, what: 'the ACK of the hole filled' });
    await conn.send({ flags: FIN | ACK, seq: 2001 });
    await expectBareAck(lab, conn, { ack: 2002, withinMs: AT_ONCE_MS, what: 'the ACK of the FIN' });
    expectNamed('the bytes read up to end of file equal the bytes sent', Buffer.compare(await readExactly(lab.sys, fd, 10_000), data), 0);
  });

  netTest('data that arrives again after it was delivered is answered at once with an ACK of RCV.NXT and not delivered twice', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t);
    const data = seededBytes(t.seed, 'old data again', 1000);
    await sendAt(conn, 0, data.subarray(0, 500));
    await sendAt(conn, 500, data.subarray(500, 1000));
    await expectBareAck(lab, conn, { ack: 1001, withinMs: 205, what: 'the ACK of the first 1000 bytes' });
    await sendAt(conn, 0, data.subarray(0, 500));
    await expectBareAck(lab, conn, { ack: 1001, withinMs: AT_ONCE_MS, what: 'the ACK, at once, of old data' });
    await conn.send({ flags: FIN | ACK, seq: 1001 });
    expectNamed('the bytes read up to end of file equal the bytes sent', Buffer.compare(await readExactly(lab.sys, fd, 10_000), data), 0);
  });

  netTest('a segment partly old and partly new delivers only its new bytes', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t);
    const data = seededBytes(t.seed, 'partly old', 1500);
    await sendAt(conn, 0, data.subarray(0, 1000), PSH | ACK);
    await sendAt(conn, 500, data.subarray(500, 1500), PSH | ACK);
    await conn.send({ flags: FIN | ACK, seq: 1501 });
    expectNamed('the bytes read up to end of file equal the bytes sent', Buffer.compare(await readExactly(lab.sys, fd, 10_000), data), 0);
    expectNamed('the state after the FIN', await stateOf(lab.sys, fd), 'CLOSE_WAIT');
  });

  netTest('a segment overlapping two held runs and the gap between them is delivered once, byte for byte', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t);
    const data = seededBytes(t.seed, 'overlapping held runs', 3000);
    await sendAt(conn, 1000, data.subarray(1000, 1500));
    await sendAt(conn, 2000, data.subarray(2000, 2500));
    // 1200..2699: overlaps the end of the first run, fills the gap, overlaps the second and goes past it.
    await sendAt(conn, 1200, data.subarray(1200, 2700));
    // 800..1099: partly in the hole at the front, partly over held data.
    await sendAt(conn, 800, data.subarray(800, 1100));
    for (let i = 0; i < 4; i++) await expectBareAck(lab, conn, { ack: 1, withinMs: AT_ONCE_MS, what: `the duplicate ACK of out-of-order segment ${i + 1}` });
    await sendAt(conn, 0, data.subarray(0, 900));
    await expectBareAck(lab, conn, { ack: 2701, withinMs: AT_ONCE_MS, what: 'the ACK of the hole filled, covering everything held' });
    await sendAt(conn, 2700, data.subarray(2700, 3000), FIN | PSH | ACK);
    expectNamed('the bytes read up to end of file equal the bytes sent', Buffer.compare(await readExactly(lab.sys, fd, 10_000), data), 0);
  });

  netTest('a FIN held after a gap ends the stream only once the gap is filled: ESTABLISHED until then, then CLOSE_WAIT and an ACK covering the FIN', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t);
    const data = seededBytes(t.seed, 'a FIN after a gap', 1000);
    await sendAt(conn, 500, data.subarray(500), FIN | PSH | ACK);
    await expectBareAck(lab, conn, { ack: 1, withinMs: AT_ONCE_MS, what: 'the duplicate ACK of data and FIN after a gap' });
    expectNamed('the state while the gap is open', await stateOf(lab.sys, fd), 'ESTABLISHED');
    await sendAt(conn, 0, data.subarray(0, 500));
    await expectBareAck(lab, conn, { ack: 1002, withinMs: AT_ONCE_MS, what: 'the ACK of the hole filled, covering the held data and the FIN' });
    expectNamed('the state once the gap is filled', await stateOf(lab.sys, fd), 'CLOSE_WAIT');
    expectNamed('the bytes read up to end of file equal the bytes sent', Buffer.compare(await readExactly(lab.sys, fd, 10_000), data), 0);
  });

  netTest('out-of-order data beyond the receive window is not accepted: filling the hole acknowledges only up to the window', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t, { rcvbuf: 4000 });
    const data = seededBytes(t.seed, 'beyond the window', 4500);
    // 3000..3499, then 3500..4499, which straddles the edge: only 3500..3999 of it lies within the 4000-byte window.
    await sendAt(conn, 3000, data.subarray(3000, 3500));
    await sendAt(conn, 3500, data.subarray(3500, 4500));
    for (let i = 0; i < 2; i++) await expectBareAck(lab, conn, { ack: 1, withinMs: AT_ONCE_MS, what: `the ACK of out-of-order segment ${i + 1}` });
    await sendAt(conn, 0, data.subarray(0, 1000));
    await sendAt(conn, 1000, data.subarray(1000, 2000));
    await sendAt(conn, 2000, data.subarray(2000, 3000));
    const last = await lastOfRun(lab, 205, 50, 'the ACKs of the hole filled');
    if (!last) throw new Error('the stack acknowledged nothing of the 3000 bytes that fill the hole');
    const ack = (last.header.ack - conn.peerIsn) >>> 0;
    if (ack !== 4001) throw mismatch('the last ACK once the hole is filled: 4000 bytes, the window, and not the 500 beyond it', last, [`ack is ${ack}, expected 4001`]);
    expectNamed('the window once the buffer is full', last.header.window, 0);
    expectNamed('the bytes read equal the bytes within the window', Buffer.compare(await readExactly(lab.sys, fd, 4000), data.subarray(0, 4000)), 0);
  });

  netTest('in-order data beyond the receive window is cut at the window: the ACK covers only what fits', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t, { rcvbuf: 4000, mss: 1460 });
    const data = seededBytes(t.seed, 'in order beyond the window', 4380);
    await sendAt(conn, 0, data.subarray(0, 1460));
    await sendAt(conn, 1460, data.subarray(1460, 2920));
    await expectBareAck(lab, conn, { ack: 2921, withinMs: AT_ONCE_MS, what: 'the ACK of two full-sized segments' });
    await sendAt(conn, 2920, data.subarray(2920, 4380));
    const answer = await nextSegment(lab, 205, 'the ACK of a segment that goes past the window');
    if (!answer) throw new Error('the segment that goes past the window got no ACK within 205 ms');
    const ack = (answer.header.ack - conn.peerIsn) >>> 0;
    if (ack !== 4001) throw mismatch('the ACK of a segment that goes past the window: up to the window only', answer, [`ack is ${ack}, expected 4001`]);
    expectNamed('the bytes read equal the bytes within the window', Buffer.compare(await readExactly(lab.sys, fd, 4000), data.subarray(0, 4000)), 0);
  });
});

describe('delayed ACKs', () => {
  netTest('a lone full-sized segment is not acknowledged at once either, and is acknowledged within 200 ms', async (t) => {
    const { lab, conn } = await acceptedWith(t);
    await sendAt(conn, 0, seededBytes(t.seed, 'lone', 1000), PSH | ACK);
    const early = await nextSegment(lab, 10, 'no ACK at once');
    if (early) throw mismatch('no ACK within 10 ms of a lone segment (RFC 9293 §3.8.6.3: SHOULD delay)', early, ['an ACK was sent at once']);
    await expectBareAck(lab, conn, { ack: 1001, withinMs: 190, what: 'the delayed ACK, within 200 ms' });
  });

  netTest('two full-sized segments in a row are acknowledged at once on the second', async (t) => {
    const { lab, conn } = await acceptedWith(t);
    const data = seededBytes(t.seed, 'two full', 2000);
    await sendAt(conn, 0, data.subarray(0, 1000));
    // An ACK of the first one alone is allowed (Linux's quick ACKs); then the second is the first since the last ACK, and may wait.
    const early = await nextSegment(lab, AT_ONCE_MS, 'an ACK of the first segment alone');
    await sendAt(conn, 1000, data.subarray(1000, 2000));
    await expectBareAck(lab, conn, { ack: 2001, withinMs: early ? 205 : AT_ONCE_MS, what: 'the ACK, at once, of the second full-sized segment' });
  });

  netTest('the ACK of a lone segment rides on the answer the program writes within the delay: no separate bare ACK', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t);
    await sendAt(conn, 0, seededBytes(t.seed, 'a question', 100), PSH | ACK);
    conn.sndNxt = 101;
    await lab.sleep(3);
    const question = await lab.sys.recv(fd, 1000);
    expectNamed('the bytes of the question', question.length, 100);
    await lab.sys.send(fd, seededBytes(t.seed, 'the answer', 20));
    await conn.expect({ flags: PSH | ACK, seq: 1, ack: 101, length: 20, withinMs: AT_ONCE_MS });
    await conn.ack();
    const more = await nextSegment(lab, 300, 'nothing more');
    if (more) throw mismatch('nothing after the answer that carried the ACK', more, ['a separate ACK was sent too']);
  });
});
