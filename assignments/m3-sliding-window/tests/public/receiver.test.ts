/**
 * The receiving side of milestone 3, with the harness as the peer: data after a gap is held and
 * delivered in order once the gap is filled (RFC 9293 §3.10.7.4), with a duplicate ACK for each
 * out-of-order segment and one cumulative ACK for the segment that fills the hole; a lone segment's
 * ACK is delayed, but not past 200 ms (RFC 9293 §3.8.6.3); the window advertised is the free
 * receive buffer and reopens with a window update; a zero window is probed (§3.8.6.1). These are
 * the core rules; the hidden tests try their edges.
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { expectNamed } from '../../../m2-handshake/tests/support/named-check';
import { readExactly } from '../../../m2-handshake/tests/support/tcp-sockets';
import { acceptedWith, AT_ONCE_MS, expectBareAck, nextSegment, probeDifferences, mismatch, readStackData, sendAt } from '../support/receiver-lab';
import { seededBytes } from '../../../../harness/sim/seeded-data';

const { ACK, PSH } = TcpFlag;

describe('the receiver', () => {
  netTest('segments after a gap are held and, once the gap is filled, read back in order, byte for byte, with one cumulative ACK', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t);
    const data = seededBytes(t.seed, 'the stream', 3000);
    // 0..999 is lost; 1000..2999 arrives, each segment answered at once with ack 1 (RCV.NXT).
    await sendAt(conn, 1000, data.subarray(1000, 2000));
    await expectBareAck(lab, conn, { ack: 1, withinMs: AT_ONCE_MS, what: 'the duplicate ACK of the first segment after the gap' });
    await sendAt(conn, 2000, data.subarray(2000, 3000), PSH | ACK);
    await expectBareAck(lab, conn, { ack: 1, withinMs: AT_ONCE_MS, what: 'the duplicate ACK of the second segment after the gap' });
    await sendAt(conn, 0, data.subarray(0, 1000));
    await expectBareAck(lab, conn, { ack: 3001, withinMs: AT_ONCE_MS, what: 'the ACK, at once, of the segment that fills the hole (covering the held data)' });
    const read = await readExactly(lab.sys, fd, 3000);
    expectNamed('the bytes read equal the bytes sent', Buffer.compare(read, data), 0);
  });

  netTest('a lone in-order segment is acknowledged, but not at once: after a delay, within 200 ms', async (t) => {
    const { lab, conn } = await acceptedWith(t);
    await conn.push(seededBytes(t.seed, 'a lone segment', 100));
    const early = await nextSegment(lab, AT_ONCE_MS, 'no ACK at once');
    if (early) throw mismatch('no ACK within 5 ms of a lone segment (the ACK should be delayed)', early, ['an ACK was sent at once']);
    await expectBareAck(lab, conn, { ack: 101, withinMs: 200, what: 'the delayed ACK of a lone segment' });
  });

  netTest('the window advertised is the free receive buffer: it shrinks as unread data arrives, and a read reopening a zero window sends a window update', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t, { rcvbuf: 4000 });
    const data = seededBytes(t.seed, 'filling the buffer', 4000);
    await sendAt(conn, 0, data.subarray(0, 1000));
    await sendAt(conn, 1000, data.subarray(1000, 2000));
    await expectBareAck(lab, conn, { ack: 2001, window: 2000, withinMs: AT_ONCE_MS, what: 'the ACK of two full-sized segments, 2000 bytes unread of 4000' });
    await sendAt(conn, 2000, data.subarray(2000, 3000));
    await sendAt(conn, 3000, data.subarray(3000, 4000));
    await expectBareAck(lab, conn, { ack: 4001, window: 0, withinMs: AT_ONCE_MS, what: 'the ACK of a full buffer: a zero window' });
    const read = await readExactly(lab.sys, fd, 4000);
    expectNamed('the bytes read equal the bytes sent', Buffer.compare(read, data), 0);
    await expectBareAck(lab, conn, { ack: 4001, window: 4000, withinMs: AT_ONCE_MS, what: 'the window update after the reader emptied the buffer' });
  });

  netTest('a zero window with data to send is probed, and the data flows once the peer opens the window', async (t) => {
    const { lab, conn, fd } = await acceptedWith(t);
    const data = seededBytes(t.seed, 'data to send', 1500);
    await lab.sys.send(fd, data.subarray(0, 1000));
    await conn.expect({ flags: PSH | ACK, seq: 1, data: data.subarray(0, 1000) });
    await conn.send({ flags: ACK, window: 0 });
    await lab.sleep(AT_ONCE_MS); // the zero window reaches the stack before the program writes again
    await lab.sys.send(fd, data.subarray(1000));
    const probe = await nextSegment(lab, 3000, 'a zero-window probe');
    if (!probe) throw new Error('no zero-window probe came within 3 s of the window closing, with 500 bytes waiting to be sent');
    const differences = probeDifferences(conn, probe, 1001, data[1000]!);
    if (differences.length > 0) throw mismatch('a zero-window probe', probe, differences);
    // The probe byte, if there was one, is not taken: the window opens at 1001.
    await conn.send({ flags: ACK, ack: 1001, window: 65535 });
    conn.rcvNxt = 1001;
    const rest = await readStackData(lab, conn, 500);
    expectNamed('the bytes sent once the window opened equal the bytes written', Buffer.compare(rest, data.subarray(1000)), 0);
  });
});

