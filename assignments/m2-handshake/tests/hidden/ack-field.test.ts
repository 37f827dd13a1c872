/**
 * The ACK field of an acceptable segment (RFC 9293 §3.10.7.4, "fifth, check the ACK field") at
 * its edges: in SYN_RECEIVED only an ACK of the SYN-ACK completes the handshake, anything else is
 * reset; later, an ACK of what was never sent drops the segment and is answered with an ACK
 * (rate-limited as challenge ACKs are), a duplicate or old ACK moves
 * nothing, and only a segment at least as new as the last window update (SND.WL1, SND.WL2) may
 * change the send window.
 */
import type { Fd } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { expectErrno } from '../../../m1-udp/tests/support/errno';
import { expectNamed } from '../support/named-check';
import type { PeerConnection } from '../support/peer-connection';
import { openTcpLab, type TcpLab } from '../support/tcp-lab';
import { listenOn, rtoOf, stateOf } from '../support/tcp-sockets';

const STACK_PORT = 8080;
const PEER_PORT = 5000;
/** Long enough for any answer (a reply takes 2 ms). */
const QUIET_MS = 50;

const { SYN, ACK, PSH, FIN, RST } = TcpFlag;

const bytes = (length: number, fill: number): Uint8Array => new Uint8Array(length).fill(fill);

/** SND.UNA and SND.WND of the stack's connection, SND.UNA relative to its ISN. */
async function sendSide(lab: TcpLab, fd: Fd, conn: PeerConnection): Promise<{ sndUna: number; sndWnd: number }> {
  const info = await lab.sys.tcpInfo(fd);
  return { sndUna: (info.sndUna - conn.stackIsn) >>> 0, sndWnd: info.sndWnd };
}

/** A half-open connection to the stack's listener: the peer's SYN was answered, the handshake's ACK not yet sent. */
async function halfOpen(lab: TcpLab): Promise<{ listener: Fd; conn: PeerConnection }> {
  const listener = await listenOn(lab.sys, STACK_PORT);
  lab.sys.fcntl(listener, 'O_NONBLOCK');
  const conn = lab.connection(PEER_PORT, STACK_PORT);
  await conn.syn();
  await conn.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
  return { listener, conn };
}

describe('the ACK field', () => {
  for (const { ack, what } of [
    { ack: 0, what: "the stack's ISN (its SYN-ACK unacknowledged)" },
    { ack: 2, what: 'one past SND.NXT' },
  ]) {
    netTest(`in SYN_RECEIVED, an ACK of ${what} is answered with a RST <SEQ=SEG.ACK> and changes nothing; the right ACK still completes the handshake`, async (t) => {
      const lab = openTcpLab(t);
      const { listener, conn } = await halfOpen(lab);
      // In the window but past RCV.NXT, with a window of its own: nothing of it may stay.
      await conn.send({ flags: ACK, seq: 500, ack, window: 7 });
      await conn.expect({ flags: RST, seq: ack });
      await expectErrno(lab.sys.accept(listener), 'EAGAIN', 'accept after the wrong ACK');
      await conn.send({ flags: ACK, window: 5000 });
      lab.sys.fcntl(listener, 'O_NONBLOCK', false);
      const { fd, peer } = await lab.sys.accept(listener);
      expectNamed('the port of the connection accepted after the right ACK', peer.port, PEER_PORT);
      expectNamed("SND.WND: the right ACK's window, not the wrong one's", (await sendSide(lab, fd, conn)).sndWnd, 5000);
    });
  }

  netTest('an ACK of data never sent, carrying data, is dropped and answered with an ACK of what came before it, at most one per 500 ms: the data is neither acknowledged nor delivered, and SND.UNA stays', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    lab.sys.fcntl(fd, 'O_NONBLOCK');
    await conn.send({ flags: PSH | ACK, ack: 2, data: bytes(10, 0x61) });
    await conn.expect({ flags: ACK, seq: 1, ack: 1 });
    // Another at once: the answer is rate-limited, as challenge ACKs are (RFC 5961 §5.2, §7).
    await conn.send({ flags: PSH | ACK, ack: 2, data: bytes(10, 0x61) });
    await lab.quiet(QUIET_MS, 'a second segment acknowledging what the stack never sent, within 500 ms of the first, is dropped unanswered');
    await expectErrno(lab.sys.recv(fd, 100), 'EAGAIN', 'recv of the dropped data');
    expectNamed('SND.UNA (relative to the ISN) after an ACK of data never sent', (await sendSide(lab, fd, conn)).sndUna, 1);
    // The same bytes with a right ACK are taken.
    await conn.send({ flags: PSH | ACK, seq: 1, data: bytes(10, 0x61) });
    await conn.expect({ flags: ACK, ack: 11 });
  });

  netTest('a duplicate ACK (SEG.ACK = SND.UNA) does not restart the retransmission timer of an unacknowledged FIN', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await lab.sys.shutdown(fd, 'wr');
    const fin = await conn.expect({ flags: FIN | ACK, seq: 1 });
    const rto = await rtoOf(lab.sys, fd);
    await lab.sleep(rto / 2);
    await conn.send({ flags: ACK, ack: 1 });
    const again = await conn.expect({ flags: FIN | ACK, seq: 1, withinMs: 2 * rto });
    expectNamed('ms from the FIN to its retransmission (one RTO, as tcpInfo reports it), with a duplicate ACK halfway', Math.round((again.timeUs - fin.timeUs) / 1000), rto);
  });

  netTest('an old ACK (SEG.ACK < SND.UNA) moves neither SND.UNA back nor the send window, even on newer data', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await lab.sys.send(fd, bytes(10, 0x62));
    await conn.expect({ flags: PSH | ACK, seq: 1, length: 10 });
    await conn.send({ flags: PSH | ACK, ack: 11, window: 5000, data: bytes(10, 0x61) });
    await conn.expect({ flags: ACK, seq: 11, ack: 11 });
    expectNamed('SND.UNA and SND.WND once the data is acknowledged with window 5000', await sendSide(lab, fd, conn), { sndUna: 11, sndWnd: 5000 });
    // Newer data (SEG.SEQ 11 > SND.WL1 1) with a stale ACK and another window.
    await conn.send({ flags: PSH | ACK, ack: 1, window: 100, data: bytes(10, 0x61) });
    await conn.expect({ flags: ACK, seq: 11, ack: 21 });
    expectNamed('SND.UNA and SND.WND after a segment with an old ACK and window 100', await sendSide(lab, fd, conn), { sndUna: 11, sndWnd: 5000 });
  });

  netTest('a segment older than the last window update (SEG.SEQ < SND.WL1) does not change the send window', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await conn.push(bytes(10, 0x61));
    await conn.expect({ flags: ACK, ack: 11 });
    // The window update: SND.WL1 = 11.
    await conn.send({ flags: ACK, window: 5000 });
    await lab.sleep(QUIET_MS);
    expectNamed('SND.WND after the window update', (await sendSide(lab, fd, conn)).sndWnd, 5000);
    // A retransmission from byte 6 to byte 15, which reaches past RCV.NXT (acceptable), sent before the update.
    await conn.send({ flags: PSH | ACK, seq: 6, window: 100, data: bytes(10, 0x61) });
    await conn.expect({ flags: ACK, ack: 16 });
    expectNamed('SND.WND after a segment at SEG.SEQ 6 < SND.WL1 11 advertising 100', (await sendSide(lab, fd, conn)).sndWnd, 5000);
    expectNamed('the state', await stateOf(lab.sys, fd), 'ESTABLISHED');
  });
});
