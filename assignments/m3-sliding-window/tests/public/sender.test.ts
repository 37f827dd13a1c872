/**
 * The sending side's core rules, with the harness as the peer and the stack's own view (tcpInfo,
 * send's return value) between packets, which a packet script cannot show: the RTT estimate of
 * RFC 6298 after the first round trip, a retransmission timed by that estimate, the peer's window
 * as a hard limit on what is in flight, Nagle's hold and its release, and SO_SNDBUF bounding what
 * send takes. Each link here crosses in a fixed delay, so the round trips are exact.
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { expectErrno } from '../../../m1-udp/tests/support/errno';
import { expectNamed } from '../../../m2-handshake/tests/support/named-check';
import { bytes, expectData, expectEstimate, gapMs, sender } from '../support/sender-lab';

const { ACK, PSH } = TcpFlag;

describe('the sending side', () => {
  netTest('after a handshake whose round trip took 100 ms, tcpInfo reports SRTT 100 ms, RTTVAR 50 ms and RTO 300 ms (RFC 6298 first sample)', async (t) => {
    const { lab, fd } = await sender(t, { oneWayMs: 50 });
    await expectEstimate(lab, fd, { srtt: 100, rttvar: 50, rto: 300 }, 'after the SYN-ACK was acknowledged 100 ms after it was sent');
  });

  netTest('unacknowledged data is sent again one RTO after it was sent, the RTO measured (300 ms here), not the initial 1 s', async (t) => {
    const { lab, conn, fd } = await sender(t, { oneWayMs: 50 });
    await lab.sys.send(fd, bytes(100));
    const first = await conn.expect({ flags: PSH | ACK, seq: 1, length: 100, withinMs: 60 });
    const again = await expectData(lab, conn, { seq: 1, length: 100, withinMs: 1100 });
    expectNamed('ms from the data segment to its retransmission', gapMs(first, again), 300);
  });

  netTest("with a window of 2500 and an MSS of 1000, segments of 1000, 1000 and 500 bytes go out, then nothing until an ACK opens the window", async (t) => {
    const { lab, conn, fd } = await sender(t, { mss: 1000, window: 2500 });
    await lab.sys.send(fd, bytes(4000));
    await expectData(lab, conn, { seq: 1, length: 1000 });
    await expectData(lab, conn, { seq: 1001, length: 1000 });
    await expectData(lab, conn, { seq: 2001, length: 500 });
    await lab.quiet(150, 'the peer window of 2500 bytes is full');
    // The peer takes the first 1000 bytes: 1000 more fit.
    await conn.send({ flags: ACK, ack: 1001, window: 2500 });
    await expectData(lab, conn, { seq: 2501, length: 1000 });
    await lab.quiet(150, 'the window is full again');
  });

  netTest('a short write waits while an earlier short segment is unacknowledged (Nagle), and goes out when the ACK comes', async (t) => {
    const { lab, conn, fd } = await sender(t);
    await lab.sys.send(fd, bytes(100));
    await conn.expect({ flags: PSH | ACK, seq: 1, length: 100 });
    await lab.sys.send(fd, bytes(50));
    await lab.quiet(100, 'the first 100 bytes are unacknowledged: the 50 wait');
    await conn.send({ flags: ACK, ack: 101 });
    await conn.expect({ flags: PSH | ACK, seq: 101, length: 50, withinMs: 5 });
  });

  netTest('send on a nonblocking socket takes only what fits in SO_SNDBUF, then fails with EAGAIN until an ACK frees room', async (t) => {
    const { lab, conn, fd } = await sender(t, { window: 1000 });
    await lab.sys.setsockopt(fd, 'SO_SNDBUF', 3000);
    lab.sys.fcntl(fd, 'O_NONBLOCK');
    expectNamed('bytes taken by a send of 5000 with a 3000-byte buffer', await lab.sys.send(fd, bytes(5000)), 3000);
    await expectData(lab, conn, { seq: 1, length: 1000 });
    await expectErrno(lab.sys.send(fd, bytes(10)), 'EAGAIN', 'a send with the buffer full');
    await conn.send({ flags: ACK, ack: 1001, window: 1000 });
    await expectData(lab, conn, { seq: 1001, length: 1000 });
    expectNamed('bytes taken once the ACK of 1000 bytes freed room', await lab.sys.send(fd, bytes(5000)), 1000);
  });
});
