/**
 * The retransmission timeout of RFC 6298, checked exactly on the simulator: the links cross in a
 * fixed delay and the peer answers at chosen times, so every RTT sample is known and tcpInfo's
 * srtt, rttvar and rto must be what §2's formulas give (the first sample, a second different one,
 * the 200 ms floor); a retransmission comes exactly one RTO after the segment; Karn's rule (no
 * sample from an ACK after a retransmission); the backoff doubling up to 120 s and ending on an
 * ACK of new data; ETIMEDOUT after 15 timeouts; and only the oldest MSS resent on a timeout.
 */
import type { SocketError } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { expectErrno } from '../../../m1-udp/tests/support/errno';
import { expectNamed } from '../../../m2-handshake/tests/support/named-check';
import type { StackSegment } from '../../../m2-handshake/tests/support/stack-segment';
import { bytes, DATA_RETRIES, expectData, expectEstimate, gapMs, gapsMs, MAX_RTO_MS, MIN_RTO_MS, sender } from '../support/sender-lab';

const { ACK, PSH, FIN } = TcpFlag;

describe('the retransmission timeout', () => {
  netTest('a first RTT sample of 400 ms gives SRTT 400 ms, RTTVAR 200 ms and RTO 1200 ms', async (t) => {
    const { lab, fd } = await sender(t, { oneWayMs: 200 });
    await expectEstimate(lab, fd, { srtt: 400, rttvar: 200, rto: 1200 }, 'after a handshake round trip of 400 ms');
  });

  netTest('a second, different sample updates RTTVAR with the old SRTT, then SRTT: 100 ms then 200 ms give SRTT 112.5, RTTVAR 62.5, RTO 362.5 ms', async (t) => {
    const { lab, conn, fd } = await sender(t, { oneWayMs: 50 });
    await lab.sys.send(fd, bytes(100));
    await conn.expect({ flags: PSH | ACK, seq: 1, length: 100, withinMs: 60 });
    // The peer holds its ACK 100 ms: the segment's round trip is 200 ms.
    await lab.sleep(100);
    await conn.send({ flags: ACK, ack: 101 });
    await lab.sleep(51);
    await expectEstimate(lab, fd, { srtt: 112.5, rttvar: 62.5, rto: 362.5 }, 'after samples of 100 ms (the handshake) and 200 ms');
  });

  netTest('on a path whose round trip is 2 ms the RTO is the 200 ms minimum, and unacknowledged data is resent 200 ms after it was sent', async (t) => {
    const { lab, conn, fd } = await sender(t);
    await expectEstimate(lab, fd, { srtt: 2, rttvar: 1, rto: MIN_RTO_MS }, 'after a handshake round trip of 2 ms');
    await lab.sys.send(fd, bytes(100));
    const first = await conn.expect({ flags: PSH | ACK, seq: 1, length: 100 });
    const again = await expectData(lab, conn, { seq: 1, length: 100, withinMs: 1100 });
    expectNamed('ms from the data segment to its retransmission', gapMs(first, again), MIN_RTO_MS);
  });

  netTest('the retransmission comes one RTO after the segment, with the RTO from a 400 ms round trip (1200 ms), not the initial 1 s', async (t) => {
    const { lab, conn, fd } = await sender(t, { oneWayMs: 200 });
    await lab.sys.send(fd, bytes(300));
    const first = await conn.expect({ flags: PSH | ACK, seq: 1, length: 300, withinMs: 210 });
    const again = await expectData(lab, conn, { seq: 1, length: 300, withinMs: 3000 });
    expectNamed('ms from the data segment to its retransmission', gapMs(first, again), 1200);
  });

  netTest('a later segment does not restart the timer: with the first still unacknowledged, a second sent 100 ms later leaves its retransmission one RTO after the first', async (t) => {
    const { lab, conn, fd } = await sender(t);
    await lab.sys.setsockopt(fd, 'TCP_NODELAY', true);
    await lab.sys.send(fd, bytes(100));
    const first = await conn.expect({ flags: PSH | ACK, seq: 1, length: 100 });
    await lab.sleep(100);
    await lab.sys.send(fd, bytes(100));
    await conn.expect({ flags: PSH | ACK, seq: 101, length: 100, withinMs: 5 });
    // The retransmission carries the oldest MSS of unacknowledged data: both writes.
    const again = await expectData(lab, conn, { seq: 1, length: 200, withinMs: 1000 });
    expectNamed('ms from the first segment to its retransmission', gapMs(first, again), MIN_RTO_MS);
  });

  netTest('one segment at a time is timed, and only the ACK that covers it gives the sample: not an ACK of part of it, nor the segment sent after it', async (t) => {
    const { lab, conn, fd } = await sender(t);
    await lab.sys.setsockopt(fd, 'TCP_NODELAY', true);
    await lab.sys.send(fd, bytes(100));
    await conn.expect({ flags: PSH | ACK, seq: 1, length: 100 });
    await lab.sleep(50);
    await lab.sys.send(fd, bytes(100));
    await conn.expect({ flags: PSH | ACK, seq: 101, length: 100, withinMs: 5 });
    // The first segment reached the peer 1 ms after it was sent: half of it is acknowledged 100 ms
    // later (no sample yet), all of it 150 ms later, reaching the stack 152 ms after it was sent.
    await lab.sleep(49);
    await conn.send({ flags: ACK, ack: 51 });
    await lab.sleep(50);
    await conn.send({ flags: ACK, ack: 101 });
    await lab.sleep(5);
    await conn.send({ flags: ACK, ack: 201 });
    await lab.sleep(5);
    // Samples of 2 ms (the handshake) and 152 ms; the second segment was never timed.
    await expectEstimate(lab, fd, { srtt: 20.75, rttvar: 38.25, rto: MIN_RTO_MS }, 'after the ACKs of two segments, only the first of them timed');
  });

  netTest('an ACK of nothing new (a window update) does not restart the timer: the unacknowledged segment is still resent one RTO after it was sent', async (t) => {
    const { lab, conn, fd } = await sender(t, { window: 3000 });
    await lab.sys.send(fd, bytes(100));
    const first = await conn.expect({ flags: PSH | ACK, seq: 1, length: 100 });
    for (const window of [4000, 5000]) {
      await lab.sleep(60);
      await conn.send({ flags: ACK, ack: 1, window });
    }
    const again = await expectData(lab, conn, { seq: 1, length: 100, withinMs: 1000 });
    expectNamed('ms from the segment to its retransmission', gapMs(first, again), MIN_RTO_MS);
  });

  netTest("an ACK that arrives after a retransmission gives no RTT sample (Karn's rule): SRTT and RTTVAR stay as they were", async (t) => {
    const { lab, conn, fd } = await sender(t, { oneWayMs: 50 });
    await lab.sys.send(fd, bytes(100));
    await conn.expect({ flags: PSH | ACK, seq: 1, length: 100, withinMs: 60 });
    await expectData(lab, conn, { seq: 1, length: 100, withinMs: 400 });
    // This ACK reaches the stack 350 ms after the first copy, 50 ms after the second: no sample either way.
    await conn.send({ flags: ACK, ack: 101 });
    await lab.sleep(51);
    const info = await lab.sys.tcpInfo(fd);
    expectNamed('[srtt, rttvar] after an ACK of retransmitted data', [info.srtt, info.rttvar], [100, 50]);
  });

  netTest('each timeout doubles the RTO: the retransmissions come 200, 400, 800, 1600 and 3200 ms apart, and tcpInfo reports the doubled RTO', async (t) => {
    const { lab, conn, fd } = await sender(t);
    await lab.sys.send(fd, bytes(100));
    const segments: StackSegment[] = [await conn.expect({ flags: PSH | ACK, seq: 1, length: 100 })];
    for (let i = 0; i < 5; i++) segments.push(await expectData(lab, conn, { seq: 1, length: 100, withinMs: 5000 }));
    expectNamed('ms between the segment and its retransmissions', gapsMs(segments), [200, 400, 800, 1600, 3200]);
    expectNamed('tcpInfo rto after five timeouts', (await lab.sys.tcpInfo(fd)).rto, 6400);
  });

  netTest('the backoff stops at 120 s: after ten timeouts from 200 ms the RTO is 120 s, not 204.8 s, and the next retransmissions come 120 s apart', async (t) => {
    const { lab, conn, fd } = await sender(t);
    await lab.sys.send(fd, bytes(100));
    const segments: StackSegment[] = [await conn.expect({ flags: PSH | ACK, seq: 1, length: 100 })];
    for (let i = 0; i < 12; i++) segments.push(await expectData(lab, conn, { seq: 1, length: 100, withinMs: 250_000 }));
    expectNamed('ms between the 10th, 11th and 12th retransmissions', gapsMs(segments.slice(10)), [MAX_RTO_MS, MAX_RTO_MS]);
    expectNamed('tcpInfo rto after twelve timeouts', (await lab.sys.tcpInfo(fd)).rto, MAX_RTO_MS);
  });

  netTest('the RTO from the estimate stops at 120 s too: round trips that grow with the RTO take SRTT + 4·RTTVAR past 120 s, and the RTO stays 120 s', async (t) => {
    const { lab, conn, fd } = await sender(t);
    await lab.sys.setsockopt(fd, 'TCP_NODELAY', true);
    for (let sent = 0; sent < 30 * 100; sent += 100) {
      const { rto } = await lab.sys.tcpInfo(fd);
      await lab.sys.send(fd, bytes(100));
      await expectData(lab, conn, { seq: 1 + sent, length: 100 });
      // Acknowledged just before the RTO would resend it: a sample of about 0.9 RTO, which makes RTTVAR grow.
      await lab.sleep(Math.floor(0.9 * rto));
      await conn.send({ flags: ACK, ack: 1 + sent + 100 });
      await lab.sleep(5);
      const info = await lab.sys.tcpInfo(fd);
      if (info.srtt + 4 * info.rttvar > MAX_RTO_MS) {
        expectNamed(`tcpInfo rto with SRTT ${info.srtt} ms and RTTVAR ${info.rttvar} ms (SRTT + 4·RTTVAR over 120 s)`, Math.round(info.rto), MAX_RTO_MS);
        return;
      }
    }
    throw new Error('30 ever longer round trips did not take SRTT + 4·RTTVAR past 120 s');
  });

  netTest('an ACK of new data ends the backoff: after two timeouts, the RTO is the estimate again and the next segment is resent one estimate later', async (t) => {
    const { lab, conn, fd } = await sender(t);
    await lab.sys.send(fd, bytes(100));
    await conn.expect({ flags: PSH | ACK, seq: 1, length: 100 });
    await expectData(lab, conn, { seq: 1, length: 100, withinMs: 300 });
    await expectData(lab, conn, { seq: 1, length: 100, withinMs: 500 });
    expectNamed('tcpInfo rto after two timeouts', (await lab.sys.tcpInfo(fd)).rto, 4 * MIN_RTO_MS);
    await conn.send({ flags: ACK, ack: 101 });
    await lab.sleep(2);
    expectNamed('tcpInfo rto once the data is acknowledged', (await lab.sys.tcpInfo(fd)).rto, MIN_RTO_MS);
    await lab.sys.send(fd, bytes(100));
    const next = await conn.expect({ flags: PSH | ACK, seq: 101, length: 100 });
    const again = await expectData(lab, conn, { seq: 101, length: 100, withinMs: 1000 });
    expectNamed('ms from the new segment to its retransmission', gapMs(next, again), MIN_RTO_MS);
  });

  netTest("tcpInfo retransmits counts every segment resent over the connection's life: 3 after three timeouts, still 3 once the ACK ends the backoff", async (t) => {
    const { lab, conn, fd } = await sender(t);
    const retransmits = async (): Promise<number> => (await lab.sys.tcpInfo(fd)).retransmits;
    expectNamed('tcpInfo retransmits before any loss', await retransmits(), 0);
    await lab.sys.send(fd, bytes(100));
    await conn.expect({ flags: PSH | ACK, seq: 1, length: 100 });
    for (let i = 0; i < 3; i++) await expectData(lab, conn, { seq: 1, length: 100, withinMs: 1000 });
    expectNamed('tcpInfo retransmits after three timeouts', await retransmits(), 3);
    await conn.send({ flags: ACK, ack: 101 });
    await lab.sleep(2);
    expectNamed('tcpInfo retransmits once the data is acknowledged', await retransmits(), 3);
  });

  netTest('after 15 unanswered retransmissions the connection fails: a blocked recv returns ETIMEDOUT, and nothing more is sent', async (t) => {
    const { lab, conn, fd } = await sender(t);
    let failure: unknown;
    const blocked = lab.sys.recv(fd, 100).then(
      () => undefined,
      (error: unknown) => (failure = error),
    );
    await lab.sys.send(fd, bytes(100));
    await conn.expect({ flags: PSH | ACK, seq: 1, length: 100 });
    for (let i = 0; i < DATA_RETRIES; i++) await expectData(lab, conn, { seq: 1, length: 100, withinMs: 250_000 });
    // The 16th timeout, 120 s after the 15th retransmission, ends the connection.
    await lab.quiet(125_000, 'the 15th retransmission was the last');
    await blocked;
    if (!failure) throw new Error('the recv blocked on the connection did not fail after 15 unanswered retransmissions');
    expectNamed('the error of the blocked recv', (failure as SocketError).errno, 'ETIMEDOUT');
    expectNamed('state after the last timeout', (await lab.sys.tcpInfo(fd)).state, 'CLOSED');
  });

  netTest('after 15 unanswered retransmissions SO_ERROR is ETIMEDOUT once, and the next send fails with EPIPE', async (t) => {
    const { lab, conn, fd } = await sender(t);
    await lab.sys.send(fd, bytes(100));
    await conn.expect({ flags: PSH | ACK, seq: 1, length: 100 });
    for (let i = 0; i < DATA_RETRIES; i++) await expectData(lab, conn, { seq: 1, length: 100, withinMs: 250_000 });
    await lab.sleep(MAX_RTO_MS + 10);
    expectNamed('SO_ERROR after the last timeout', await lab.sys.getsockopt(fd, 'SO_ERROR'), 110);
    expectNamed('SO_ERROR read a second time', await lab.sys.getsockopt(fd, 'SO_ERROR'), 0);
    await expectErrno(lab.sys.send(fd, bytes(10)), 'EPIPE', 'a send once the error was reported');
  });

  netTest('a timeout resends only the oldest segment, one MSS, not the whole window: the other four wait for the next timeout', async (t) => {
    const { lab, conn, fd } = await sender(t, { mss: 500 });
    await lab.sys.send(fd, bytes(2500));
    for (let i = 0; i < 5; i++) await expectData(lab, conn, { seq: 1 + 500 * i, length: 500 });
    await expectData(lab, conn, { seq: 1, length: 500, withinMs: MIN_RTO_MS + 10 });
    await lab.quiet(2 * MIN_RTO_MS - 10, 'only the oldest segment is resent on a timeout');
    await expectData(lab, conn, { seq: 1, length: 500, withinMs: 20 });
  });

  netTest('a timeout after the FIN resends the oldest segment without the FIN: the FIN only ever follows the last byte', async (t) => {
    const { lab, conn, fd } = await sender(t, { mss: 1000, window: 20_000 });
    await lab.sys.send(fd, bytes(2000));
    await lab.sys.shutdown(fd, 'wr');
    await conn.expect({ flags: ACK, seq: 1, length: 1000 });
    await conn.expect({ flags: PSH | ACK, seq: 1001, length: 1000 });
    await conn.expect({ flags: FIN | ACK, seq: 2001, length: 0 });
    const again = await expectData(lab, conn, { seq: 1, length: 1000, withinMs: 1000 });
    expectNamed('FIN on the retransmission of bytes 1 to 1000 (2000 bytes and the FIN unacknowledged)', (again.header.flags & FIN) !== 0, false);
  });
});
