/**
 * The sending side of milestone 3 at its edges, with the harness as the peer: the MSS from the
 * peer's option, the link's MTU and TCP_MAXSEG; PSH on the segment that ends each write; Nagle's
 * exceptions (a full-sized segment, TCP_NODELAY, a FIN); the send buffer seen through poll and
 * a blocking send; the FIN behind a large write with the peer's data still coming in;
 * tcpInfo's bytesInFlight (data bytes, not the FIN) and sndWnd as segments leave and ACKs return;
 * and a stale window (an old ACK, or an older segment of the peer's) never replacing a fresh one.
 */
import { EPOLLOUT } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { expectNamed } from '../../../m2-handshake/tests/support/named-check';
import { readExactly } from '../../../m2-handshake/tests/support/tcp-sockets';
import { lastOfRun } from '../support/receiver-lab';
import { wrappingIsn } from '../../../m2-handshake/tests/support/wrapping-isn';
import { bytes, expectData, expectEstimate, MIN_RTO_MS, sender } from '../support/sender-lab';

const { ACK, PSH, FIN } = TcpFlag;

describe('the sending side, edges', () => {
  netTest('segments carry at most the MSS the peer announced: 2000 bytes to a peer announcing 700 go as 700, 700 and 600', async (t) => {
    const { lab, conn, fd } = await sender(t, { mss: 700 });
    await lab.sys.send(fd, bytes(2000));
    await conn.expect({ flags: ACK, seq: 1, length: 700 });
    await conn.expect({ flags: ACK, seq: 701, length: 700 });
    await conn.expect({ flags: PSH | ACK, seq: 1401, length: 600 });
  });

  netTest('a link MTU of 1000 makes the MSS 960: the SYN-ACK announces 960, and segments carry 960 bytes although the peer announced 1460', async (t) => {
    const { lab, conn, fd, synAck } = await sender(t, { mss: 1460, mtu: 1000 });
    const option = synAck.header.options.find((o) => o.kind === 'mss');
    expectNamed("the SYN-ACK's MSS option", option?.kind === 'mss' ? option.value : 'missing', 960);
    await lab.sys.send(fd, bytes(2000));
    await conn.expect({ flags: ACK, seq: 1, length: 960 });
    await conn.expect({ flags: ACK, seq: 961, length: 960 });
    await conn.expect({ flags: PSH | ACK, seq: 1921, length: 80 });
  });

  netTest('TCP_MAXSEG 500 set on the listener bounds the segments of an accepted connection to 500 bytes, and getsockopt reports 500', async (t) => {
    const { lab, conn, fd } = await sender(t, {
      mss: 1460,
      listenerSetup: (bench, listener) => bench.sys.setsockopt(listener, 'TCP_MAXSEG', 500),
    });
    expectNamed('TCP_MAXSEG of the connection', await lab.sys.getsockopt(fd, 'TCP_MAXSEG'), 500);
    await lab.sys.send(fd, bytes(1200));
    await conn.expect({ flags: ACK, seq: 1, length: 500 });
    await conn.expect({ flags: ACK, seq: 501, length: 500 });
    await conn.expect({ flags: PSH | ACK, seq: 1001, length: 200 });
  });

  netTest('PSH marks the segment that ends each write: of a 300-byte write and a 1700-byte one, the first and the last segments carry it, the middle one not', async (t) => {
    const { lab, conn, fd } = await sender(t, { mss: 1000 });
    await lab.sys.setsockopt(fd, 'TCP_NODELAY', true);
    await lab.sys.send(fd, bytes(300));
    await lab.sys.send(fd, bytes(1700));
    await conn.expect({ flags: PSH | ACK, seq: 1, length: 300 });
    await conn.expect({ flags: ACK, seq: 301, length: 1000 });
    await conn.expect({ flags: PSH | ACK, seq: 1301, length: 700 });
  });

  netTest('a full-sized segment is not held by Nagle: with a short segment unacknowledged, a write of 2000 bytes sends two full segments at once', async (t) => {
    const { lab, conn, fd } = await sender(t, { mss: 1000 });
    await lab.sys.send(fd, bytes(100));
    await conn.expect({ flags: PSH | ACK, seq: 1, length: 100 });
    await lab.sys.send(fd, bytes(2000));
    await expectData(lab, conn, { seq: 101, length: 1000 });
    await expectData(lab, conn, { seq: 1101, length: 1000 });
  });

  netTest('with TCP_NODELAY every short write goes out at once, although the earlier ones are unacknowledged', async (t) => {
    const { lab, conn, fd } = await sender(t);
    await lab.sys.setsockopt(fd, 'TCP_NODELAY', true);
    for (let i = 0; i < 3; i++) {
      await lab.sys.send(fd, bytes(100));
      await conn.expect({ flags: PSH | ACK, seq: 1 + 100 * i, length: 100, withinMs: 5 });
    }
  });

  netTest('Nagle never holds a FIN: a short write held behind an unacknowledged one leaves with the FIN at once on shutdown(SHUT_WR)', async (t) => {
    const { lab, conn, fd } = await sender(t);
    await lab.sys.send(fd, bytes(100));
    await conn.expect({ flags: PSH | ACK, seq: 1, length: 100 });
    await lab.sys.send(fd, bytes(50));
    await lab.quiet(50, 'Nagle holds the 50 bytes');
    await lab.sys.shutdown(fd, 'wr');
    await conn.expect({ flags: FIN | PSH | ACK, seq: 101, length: 50, withinMs: 5 });
  });

  netTest('poll shows EPOLLOUT while the send buffer has room, not once it is full, and again once an ACK frees room', async (t) => {
    const { lab, conn, fd } = await sender(t, { window: 1000 });
    await lab.sys.setsockopt(fd, 'SO_SNDBUF', 2000);
    expectNamed('EPOLLOUT with the buffer empty', ((await lab.sys.poll(fd)) & EPOLLOUT) !== 0, true);
    lab.sys.fcntl(fd, 'O_NONBLOCK');
    expectNamed('bytes taken by a send of 2500', await lab.sys.send(fd, bytes(2500)), 2000);
    await expectData(lab, conn, { seq: 1, length: 1000 });
    expectNamed('EPOLLOUT with the buffer full', ((await lab.sys.poll(fd)) & EPOLLOUT) !== 0, false);
    await conn.send({ flags: ACK, ack: 1001, window: 1000 });
    await expectData(lab, conn, { seq: 1001, length: 1000 });
    expectNamed('EPOLLOUT once 1000 bytes are acknowledged', ((await lab.sys.poll(fd)) & EPOLLOUT) !== 0, true);
  });

  netTest('a blocking send larger than SO_SNDBUF returns only when ACKs have made room for all of it', async (t) => {
    const { lab, conn, fd } = await sender(t, { window: 1000 });
    await lab.sys.setsockopt(fd, 'SO_SNDBUF', 1000);
    let returned: number | undefined;
    const sending = lab.sys.send(fd, bytes(3000)).then((n) => (returned = n));
    await expectData(lab, conn, { seq: 1, length: 1000 });
    await lab.sleep(20);
    expectNamed('what the blocked send returned while nothing is acknowledged', returned ?? 'still blocked', 'still blocked');
    await conn.send({ flags: ACK, ack: 1001, window: 1000 });
    await expectData(lab, conn, { seq: 1001, length: 1000 });
    await conn.send({ flags: ACK, ack: 2001, window: 1000 });
    await expectData(lab, conn, { seq: 2001, length: 1000 });
    await sending;
    expectNamed('what the send returned', returned ?? 'still blocked', 3000);
  });

  netTest('shutdown(SHUT_WR) after a large write: the FIN follows the last byte, and data from the peer still arrives afterwards', async (t) => {
    const { lab, conn, fd } = await sender(t, { mss: 1000, window: 2000 });
    await lab.sys.send(fd, bytes(5000));
    await lab.sys.shutdown(fd, 'wr');
    await expectData(lab, conn, { seq: 1, length: 1000 });
    await expectData(lab, conn, { seq: 1001, length: 1000 });
    await lab.quiet(20, 'the window is full: the FIN must wait behind 3000 bytes');
    await conn.send({ flags: ACK, ack: 2001, window: 2000 });
    await expectData(lab, conn, { seq: 2001, length: 1000 });
    await expectData(lab, conn, { seq: 3001, length: 1000 });
    await conn.send({ flags: ACK, ack: 4001, window: 2000 });
    // The last 1000 bytes, and the FIN after them (in the same segment or the next).
    const last = await lab.next(50, 'the last 1000 bytes');
    lab.unread(last);
    if (last.header.flags & FIN) await conn.expect({ flags: FIN | PSH | ACK, seq: 4001, length: 1000 });
    else {
      await conn.expect({ flags: PSH | ACK, seq: 4001, length: 1000 });
      await conn.expect({ flags: FIN | ACK, seq: 5001, length: 0 });
    }
    await conn.send({ flags: ACK, ack: 5002 });
    await lab.sleep(2);
    expectNamed('state once everything and the FIN are acknowledged', (await lab.sys.tcpInfo(fd)).state, 'FIN_WAIT_2');
    await conn.push(bytes(300, 0x7a));
    expectNamed('bytes read from the peer after our FIN', (await readExactly(lab.sys, fd, 300)).length, 300);
  });

  netTest('tcpInfo bytesInFlight and sndWnd follow the segments and the ACKs: 2500 of 4000 bytes in flight in a window of 2500, then 1500, then the rest', async (t) => {
    const { lab, conn, fd } = await sender(t, { mss: 1000, window: 2500 });
    const inFlight = async (): Promise<number[]> => {
      const info = await lab.sys.tcpInfo(fd);
      return [info.bytesInFlight, info.sndWnd];
    };
    expectNamed('[bytesInFlight, sndWnd] before any data', await inFlight(), [0, 2500]);
    await lab.sys.send(fd, bytes(4000));
    await expectData(lab, conn, { seq: 1, length: 1000 });
    await expectData(lab, conn, { seq: 1001, length: 1000 });
    await expectData(lab, conn, { seq: 2001, length: 500 });
    expectNamed('[bytesInFlight, sndWnd] with 2500 bytes sent and 1500 waiting', await inFlight(), [2500, 2500]);
    // 1000 acknowledged, the window shrunk to 1500: the right edge stays, nothing more may go.
    await conn.send({ flags: ACK, ack: 1001, window: 1500 });
    await lab.quiet(20, 'the right edge of the window did not move');
    expectNamed('[bytesInFlight, sndWnd] after an ACK of 1000 with a window of 1500', await inFlight(), [1500, 1500]);
    await conn.send({ flags: ACK, ack: 2501, window: 3000 });
    await expectData(lab, conn, { seq: 2501, length: 1000 });
    await expectData(lab, conn, { seq: 3501, length: 500 });
    expectNamed('[bytesInFlight, sndWnd] with the last 1500 bytes sent', await inFlight(), [1500, 3000]);
    await conn.send({ flags: ACK, ack: 4001, window: 3000 });
    await lab.sleep(2);
    expectNamed('[bytesInFlight, sndWnd] once everything is acknowledged', await inFlight(), [0, 3000]);
  });

  netTest('tcpInfo bytesInFlight counts data bytes, not the FIN: 500 with the data and the FIN unacknowledged, 0 once the peer acknowledges the data but not the FIN', async (t) => {
    const { lab, conn, fd } = await sender(t, { mss: 1000 });
    await lab.sys.send(fd, bytes(500));
    await conn.expect({ flags: PSH | ACK, seq: 1, length: 500 });
    await lab.sys.shutdown(fd, 'wr');
    await conn.expect({ flags: FIN | ACK, seq: 501, length: 0, withinMs: 5 });
    expectNamed('tcpInfo bytesInFlight with 500 bytes and the FIN unacknowledged', (await lab.sys.tcpInfo(fd)).bytesInFlight, 500);
    // The peer acknowledges the data; the FIN (sequence number 501) stays unacknowledged.
    await conn.send({ flags: ACK, ack: 501 });
    await lab.sleep(2);
    expectNamed('tcpInfo bytesInFlight with only the FIN unacknowledged', (await lab.sys.tcpInfo(fd)).bytesInFlight, 0);
  });

  netTest('an old ACK that arrives late does not roll the window back: after everything is acknowledged with a window of 2000, a reordered ACK of 1000 with a window of 0 leaves the next write free to go', async (t) => {
    const { lab, conn, fd } = await sender(t, { mss: 1000, window: 2000 });
    await lab.sys.send(fd, bytes(2000));
    await expectData(lab, conn, { seq: 1, length: 1000 });
    await expectData(lab, conn, { seq: 1001, length: 1000 });
    await conn.send({ flags: ACK, ack: 2001, window: 2000 });
    // Sent by the peer earlier, when its buffer was full, and delayed on the way.
    await conn.send({ flags: ACK, ack: 1001, window: 0 });
    await lab.sleep(2);
    expectNamed('tcpInfo sndWnd after the old ACK', (await lab.sys.tcpInfo(fd)).sndWnd, 2000);
    await lab.sys.send(fd, bytes(500));
    await expectData(lab, conn, { seq: 2001, length: 500, withinMs: 5 });
  });

  netTest('a window from a segment older than the last window update is not taken (SND.WL1): the peer\'s data reordered on the way does not shut the window', async (t) => {
    const { lab, conn, fd } = await sender(t, { mss: 1000, window: 2000 });
    await lab.sys.send(fd, bytes(1000));
    await expectData(lab, conn, { seq: 1, length: 1000 });
    // The peer's second segment overtakes its first, which it sent when its window was 0.
    await conn.send({ flags: ACK, seq: 101, ack: 1001, window: 2000, data: bytes(100, 0x62) });
    await conn.send({ flags: ACK, seq: 1, ack: 1001, window: 0, data: bytes(100, 0x62) });
    await lab.sleep(2);
    expectNamed('tcpInfo sndWnd after the older segment', (await lab.sys.tcpInfo(fd)).sndWnd, 2000);
    expectNamed('bytes read from the peer', (await readExactly(lab.sys, fd, 200)).length, 200);
    await lastOfRun(lab, 5, 5, 'the ACKs of the peer\'s data');
    await lab.sys.send(fd, bytes(500));
    await expectData(lab, conn, { seq: 1001, length: 500, ack: 201, withinMs: 5 });
  });

  netTest('across 2^32 the window, the RTT sample and the retransmission follow sequence order: with the stack\'s numbers wrapping inside its first segment, it sends no byte beyond the window and resends exactly the oldest unacknowledged one', async (t) => {
    const { seed, below } = wrappingIsn(t.seed);
    const { lab, conn, fd } = await sender(t, { mss: 1000, window: 2000, seed });
    // The stack's byte numbered `below` (relative to its ISN, under 1000) is the first after the wrap.
    await lab.sys.send(fd, bytes(4000));
    await expectData(lab, conn, { seq: 1, length: 1000 });
    await expectData(lab, conn, { seq: 1001, length: 1000 });
    await lab.quiet(50, `the window of 2000 is full (the stack's numbers wrapped at its byte ${below})`);
    await conn.send({ flags: ACK, ack: 1001, window: 2000 });
    await expectData(lab, conn, { seq: 2001, length: 1000 });
    await lab.quiet(20, 'the window of 2000 is full again');
    // The first segment, timed, was acknowledged 52 ms after it was sent (after 2 ms for the handshake).
    await expectEstimate(lab, fd, { srtt: 8.25, rttvar: 13.25, rto: MIN_RTO_MS }, 'after the ACK of a segment whose end is past 2^32');
    await expectData(lab, conn, { seq: 1001, length: 1000, withinMs: 1000 });
  });

  netTest('across 2^32 Nagle holds a short write while the short segment before it, whose end lies past the wrap, is unacknowledged', async (t) => {
    const { seed, below } = wrappingIsn(t.seed);
    const { lab, conn, fd } = await sender(t, { mss: 1000, window: 20_000, seed });
    // The first write ends 50 bytes past the stack's byte numbered `below`, the first after the wrap.
    const first = below + 50;
    await lab.sys.send(fd, bytes(first));
    await expectData(lab, conn, { seq: 1, length: first });
    await lab.sys.send(fd, bytes(100));
    await lab.quiet(30, `Nagle holds the second short write: the first, of ${first} bytes (the stack's numbers wrap at its byte ${below}), is unacknowledged`);
    await conn.send({ flags: ACK, ack: 1 + first, window: 20_000 });
    await expectData(lab, conn, { seq: 1 + first, length: 100, withinMs: 5 });
  });

  netTest('across 2^32 Nagle (Minshall) does not hold a short write behind a full-sized segment whose numbers wrap: no short segment is unacknowledged', async (t) => {
    const { seed, below } = wrappingIsn(t.seed);
    const { lab, conn, fd } = await sender(t, { mss: 1000, window: 20_000, seed });
    await lab.sys.send(fd, bytes(1000));
    await expectData(lab, conn, { seq: 1, length: 1000 });
    await lab.sys.send(fd, bytes(100));
    const what = `the short write behind a full-sized segment (the stack's numbers wrap at its byte ${below})`;
    await expectData(lab, conn, { seq: 1001, length: 100, withinMs: 5 }).catch((error: unknown) => {
      throw new Error(`${what} was held: only an unacknowledged short segment holds a short one (Minshall's Nagle, as Linux does it). ${error instanceof Error ? error.message : String(error)}`);
    });
  });

  netTest('across 2^32 an ACK of part of the timed segment gives no RTT sample: the ACK lies before the wrap, the segment ends after it', async (t) => {
    const { seed, below } = wrappingIsn(t.seed);
    const { lab, conn, fd } = await sender(t, { mss: 1000, window: 20_000, seed });
    const before = await lab.sys.tcpInfo(fd);
    await lab.sys.send(fd, bytes(1000));
    await expectData(lab, conn, { seq: 1, length: 1000 });
    await lab.sleep(50);
    const partial = 1 + Math.floor(below / 2);
    await conn.send({ flags: ACK, ack: partial, window: 20_000 });
    await lab.sleep(5);
    const after = await lab.sys.tcpInfo(fd);
    expectNamed(`tcpInfo srtt and rttvar after an ACK of the stack's bytes before ${partial} of 1000 (its numbers wrap at byte ${below})`, { srtt: after.srtt, rttvar: after.rttvar }, { srtt: before.srtt, rttvar: before.rttvar });
  });

  netTest("an accepted connection inherits its listener's SO_SNDBUF, as it inherits SO_RCVBUF: it is a clone of the listener", async (t) => {
    const { lab, fd } = await sender(t, { listenerSetup: (setup, listener) => setup.sys.setsockopt(listener, 'SO_SNDBUF', 3000) });
    expectNamed('SO_SNDBUF of the accepted connection, its listener set to 3000', await lab.sys.getsockopt(fd, 'SO_SNDBUF'), 3000);
  });
});
