/**
 * Sequence numbers wrapping past 2^32 right after the handshake, on either side: the peer's
 * numbers (its ISN chosen just below 2^32), and the stack's (a network whose seed makes the
 * stack's ISN land just below 2^32, see support/wrapping-isn.ts). A stack that compares sequence
 * numbers with `<` on the raw 32-bit values gets each of these wrong: acceptability, RST validation, the send window's SND.WL1 and SND.WL2
 * rules, ACK processing and retransmission, and reopening a connection in TIME_WAIT.
 */
import type { Fd } from '../../../../harness/contract';
import { netTest, type NetTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { expectErrno } from '../../../m1-udp/tests/support/errno';
import { PEER_SYN_OPTIONS, type PeerConnection } from '../support/peer-connection';
import { expectNamed } from '../support/named-check';
import { openTcpLab, type TcpLab } from '../support/tcp-lab';
import { listenOn, readExactly, startConnect, stateOf } from '../support/tcp-sockets';
import { wrappingIsn } from '../support/wrapping-isn';

const STACK_PORT = 8080;
const PEER_PORT = 5000;
const TWO_32 = 2 ** 32;
/** The initial RTO: an unacknowledged segment is sent again 1 s after the last ACK of anything new. */
const RTO_MS = 1000;
/** Long enough for any answer, well short of a retransmission. */
const QUIET_MS = 50;

const { SYN, ACK, PSH, FIN } = TcpFlag;

/** `length` bytes that differ from their neighbours, so that a payload off by some bytes shows. */
function pattern(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 7 + 3) & 0xff);
}

/** A connection the peer opens to the stack's listener, with the peer's ISN (default random) and window as given. */
async function acceptedFrom(lab: TcpLab, { peerIsn, window = 65535 }: { peerIsn?: number; window?: number }) {
  const listener = await listenOn(lab.sys, STACK_PORT);
  const conn = lab.connection(PEER_PORT, STACK_PORT, peerIsn);
  // The SYN is sent by hand to carry the window; it takes the peer's sequence number 0.
  await conn.send({ flags: SYN, seq: 0, options: PEER_SYN_OPTIONS, window });
  conn.sndNxt = 1;
  await conn.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
  await conn.ack(window);
  const { fd } = await lab.sys.accept(listener);
  return { listener, conn, fd };
}

/** The stack closes first and the peer's FIN follows: the stack's end is in TIME_WAIT. */
async function intoTimeWait(lab: TcpLab, conn: PeerConnection, fd: Fd): Promise<void> {
  await lab.sys.close(fd);
  await conn.expect({ flags: FIN | ACK });
  await conn.fin();
  await conn.expect({ flags: ACK });
}

/** SND.UNA of `fd`, relative to the stack's ISN. */
async function sndUna(lab: TcpLab, conn: PeerConnection, fd: Fd): Promise<number> {
  return ((await lab.sys.tcpInfo(fd)).sndUna - conn.stackIsn) >>> 0;
}

/** The stack's end of a connection in `role`, on a network where the stack's ISN is `below` under 2^32. */
async function stackNearWrap(t: NetTest, role: 'server' | 'client') {
  const { seed, below } = wrappingIsn(t.seed);
  const lab = openTcpLab(t, { seed });
  if (role === 'server') return { lab, below, ...(await acceptedFrom(lab, {})) };
  // Bound first: the ISN is then the first number the stack draws, not the second after an ephemeral port.
  const fd = await startConnect(lab.sys, { address: lab.peerAddress, port: PEER_PORT }, STACK_PORT);
  const conn = lab.connection(PEER_PORT, STACK_PORT);
  await conn.answer();
  return { lab, below, conn, fd };
}

describe('sequence numbers across 2^32 after the handshake', () => {
  netTest("the peer's data across 2^32 is taken byte for byte and acknowledged with the wrapped numbers", async (t) => {
    const lab = openTcpLab(t);
    // The SYN takes 2^32 − 3: the first data byte is 2^32 − 2, the third is 0.
    const { conn, fd } = await acceptedFrom(lab, { peerIsn: TWO_32 - 3 });
    const first = pattern(10);
    await conn.push(first);
    await conn.expect({ flags: ACK, ack: 11 });
    expectNamed('the first 10 bytes read', [...(await readExactly(lab.sys, fd, 10))], [...first]);
    const second = pattern(20).subarray(10);
    await conn.push(second);
    await conn.expect({ flags: ACK, ack: 21 });
    expectNamed('the next 10 bytes read', [...(await readExactly(lab.sys, fd, 10))], [...second]);
  });

  netTest('a RST in the window past 2^32 gets a challenge ACK; one at RCV.NXT, just below 2^32, resets', async (t) => {
    const lab = openTcpLab(t);
    // RCV.NXT is 2^32 − 99: a RST 500 further on is at 401, in the window.
    const { conn, fd } = await acceptedFrom(lab, { peerIsn: TWO_32 - 100 });
    await conn.rst(conn.sndNxt + 500);
    await conn.expect({ flags: ACK });
    expectNamed('the state after the RST in the window', await stateOf(lab.sys, fd), 'ESTABLISHED');
    await conn.rst();
    await lab.quiet(QUIET_MS, 'a RST is never answered');
    await expectErrno(lab.sys.recv(fd, 100), 'ECONNRESET', 'recv after the RST at RCV.NXT');
  });

  netTest("a window update whose sequence number crossed 2^32 is taken (SND.WL1): the stack sends what the new window allows", async (t) => {
    const lab = openTcpLab(t);
    // The peer's window is 100; its data crosses 2^32 and closes the window, then it opens it again at a wrapped sequence number.
    const { conn, fd } = await acceptedFrom(lab, { peerIsn: TWO_32 - 3, window: 100 });
    await lab.sys.send(fd, pattern(300));
    await conn.expect({ flags: ACK, seq: 1, length: 100 });
    await conn.send({ flags: PSH | ACK, data: pattern(5), window: 0 });
    await conn.expect({ flags: ACK, ack: 6 });
    await lab.quiet(QUIET_MS, 'the window is closed');
    await conn.send({ flags: ACK, window: 1000 });
    await conn.expect({ flags: PSH | ACK, seq: 101, length: 200, data: pattern(300).subarray(100) });
  });

  netTest('in TIME_WAIT, a SYN whose number crossed 2^32 past the old connection reopens it at once', async (t) => {
    const lab = openTcpLab(t);
    // The old connection ends 998 below 2^32; the new SYN is 100 000 further on, past 0.
    const { listener, conn, fd } = await acceptedFrom(lab, { peerIsn: TWO_32 - 1000 });
    await intoTimeWait(lab, conn, fd);
    const newIsn = conn.sndNxt + 100_000;
    await conn.send({ flags: SYN, seq: newIsn, options: PEER_SYN_OPTIONS });
    // A new connection, with an ISN of the stack's own: only its ACK can be checked against the old numbers.
    const synAck = await lab.next();
    expectNamed('the flags of the answer to the new SYN (18: SYN-ACK)', synAck.header.flags, SYN | ACK);
    expectNamed("the SYN-ACK's acknowledgment number", synAck.header.ack, (conn.peerIsn + newIsn + 1) >>> 0);
    expectNamed("the listener's state", await stateOf(lab.sys, listener), 'LISTEN');
  });

  netTest('in TIME_WAIT, an old SYN from just below 2^32, before the wrapped RCV.NXT, only gets an ACK', async (t) => {
    const lab = openTcpLab(t);
    // The SYN takes 2^32 − 1 and the FIN 0: RCV.NXT ends at 1, and the old SYN is before it.
    const { conn, fd } = await acceptedFrom(lab, { peerIsn: TWO_32 - 1 });
    await intoTimeWait(lab, conn, fd);
    await conn.send({ flags: SYN, seq: 0, options: PEER_SYN_OPTIONS });
    await conn.expect({ flags: ACK, seq: 2, ack: 2 });
  });

  for (const role of ['server', 'client'] as const) {
    netTest(`as ${role}, the stack's data across 2^32: ACKs before and after the wrap free their bytes, the retransmission resends exactly the rest, and its FIN is acknowledged`, async (t) => {
      const { lab, below, conn, fd } = await stackNearWrap(t, role);
      // The stack's byte numbered `below` (relative to its ISN) is the first after the wrap, at 0.
      const sent = pattern(below + 200);
      await lab.sys.send(fd, sent);
      await conn.expect({ flags: PSH | ACK, seq: 1, data: sent });
      await conn.send({ flags: ACK, ack: below - 50 });
      await lab.quiet(QUIET_MS, 'an ACK of part of the data is not answered');
      expectNamed('SND.UNA after the ACK before 2^32 (relative to the ISN)', await sndUna(lab, conn, fd), below - 50);
      await conn.send({ flags: ACK, ack: below + 100 });
      await lab.quiet(QUIET_MS, 'an ACK of part of the data is not answered');
      expectNamed('SND.UNA after the ACK past 2^32 (relative to the ISN)', await sndUna(lab, conn, fd), below + 100);
      await conn.expect({ flags: PSH | ACK, seq: below + 100, data: sent.subarray(below + 99), withinMs: RTO_MS + 10 });
      await conn.ack();
      await lab.sys.shutdown(fd, 'wr');
      await conn.expect({ flags: FIN | ACK });
      await conn.ack();
      await lab.quiet(RTO_MS + 500, 'everything is acknowledged: nothing is sent again');
      expectNamed('the state once the FIN is acknowledged', await stateOf(lab.sys, fd), 'FIN_WAIT_2');
    });
  }

  netTest('a window update in an ACK whose number crossed 2^32 is taken (SND.WL2): the stack sends what the new window allows', async (t) => {
    const { seed, below } = wrappingIsn(t.seed);
    const lab = openTcpLab(t, { seed });
    // The peer's first window takes the stack's data just past the wrap; its ACK of all of it, from
    // the same sequence number, shrinks the window to 20.
    const { conn, fd } = await acceptedFrom(lab, { window: below + 50 });
    const sent = pattern(below + 550);
    await lab.sys.send(fd, sent);
    await conn.expect({ flags: ACK, seq: 1, length: below + 50 });
    await conn.send({ flags: ACK, window: 20 });
    await conn.expect({ flags: ACK, seq: below + 51, data: sent.subarray(below + 50, below + 70) });
  });
});
