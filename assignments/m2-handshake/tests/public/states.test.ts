/**
 * The RFC 9293 state diagram, one transition at a time, read with tcpInfo(fd).state while the
 * harness plays the other end. shutdown(SHUT_WR) stands for close() where the fd must stay
 * open to be asked (the scripts show the same transitions with close()).
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { expectErrno } from '../../../m1-udp/tests/support/errno';
import { openTcpLab, type TcpLab } from '../support/tcp-lab';
import { listenOn, startConnect, stateOf } from '../support/tcp-sockets';

const STACK_PORT = 8080;
const PEER_PORT = 5000;
/** TIME_WAIT: 2·MSL. */
const TIME_WAIT_MS = 60_000;
/** The initial RTO: an unanswered SYN or SYN-ACK is sent again after 1 s, the next time 2 s later. */
const RTO_MS = 1000;

const { SYN, ACK, FIN, RST } = TcpFlag;

/** A connection the stack opened to the harness, established. */
async function connected(lab: TcpLab, localPort?: number) {
  const fd = await startConnect(lab.sys, { address: lab.peerAddress, port: PEER_PORT }, localPort);
  const conn = lab.connection(PEER_PORT, (await lab.sys.getsockname(fd)).port);
  return { fd, conn };
}

describe('connection states', () => {
  netTest('connect: CLOSED → SYN_SENT, then ESTABLISHED when the SYN-ACK arrives', async (t) => {
    const lab = openTcpLab(t);
    const fresh = await lab.sys.socket('tcp');
    expect(await stateOf(lab.sys, fresh)).toBe('CLOSED');
    const { fd, conn } = await connected(lab);
    expect(await stateOf(lab.sys, fd)).toBe('SYN_SENT');
    await conn.answer();
    expect(await stateOf(lab.sys, fd)).toBe('ESTABLISHED');
  });

  netTest('listen: CLOSED → LISTEN; a SYN makes a half-open connection that accept() cannot take until the final ACK', async (t) => {
    const lab = openTcpLab(t);
    const listener = await listenOn(lab.sys, STACK_PORT);
    expect(await stateOf(lab.sys, listener)).toBe('LISTEN');
    const conn = lab.connection(PEER_PORT, STACK_PORT);
    await conn.syn();
    await conn.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
    lab.sys.fcntl(listener, 'O_NONBLOCK');
    await expectErrno(lab.sys.accept(listener), 'EAGAIN', 'accept before the final ACK');
    await conn.ack();
    await lab.sleep(2);
    const { fd } = await lab.sys.accept(listener);
    expect(await stateOf(lab.sys, fd)).toBe('ESTABLISHED');
    expect(await stateOf(lab.sys, listener)).toBe('LISTEN');
  });

  netTest("simultaneous open: SYN_SENT → SYN_RECEIVED on the peer's SYN, ESTABLISHED on its SYN-ACK", async (t) => {
    const lab = openTcpLab(t);
    const { fd, conn } = await connected(lab, STACK_PORT);
    await conn.expect({ flags: SYN, seq: 0 });
    await conn.syn();
    await conn.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
    expect(await stateOf(lab.sys, fd)).toBe('SYN_RECEIVED');
    await conn.send({ flags: SYN | ACK, seq: 0 });
    await conn.expect({ flags: ACK, seq: 1, ack: 1 });
    expect(await stateOf(lab.sys, fd)).toBe('ESTABLISHED');
  });

  netTest('active close: ESTABLISHED → FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT, and CLOSED 60 s later', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await lab.sys.shutdown(fd, 'wr');
    expect(await stateOf(lab.sys, fd)).toBe('FIN_WAIT_1');
    await conn.expect({ flags: FIN | ACK });
    await conn.ack();
    await lab.sleep(2);
    expect(await stateOf(lab.sys, fd)).toBe('FIN_WAIT_2');
    await conn.fin();
    await conn.expect({ flags: ACK });
    expect(await stateOf(lab.sys, fd)).toBe('TIME_WAIT');
    await lab.sleep(TIME_WAIT_MS - 10);
    expect(await stateOf(lab.sys, fd)).toBe('TIME_WAIT');
    await lab.sleep(20);
    expect(await stateOf(lab.sys, fd)).toBe('CLOSED');
  });

  netTest("passive close: ESTABLISHED → CLOSE_WAIT on the peer's FIN → LAST_ACK on ours → CLOSED on its ACK", async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await conn.fin();
    await conn.expect({ flags: ACK });
    expect(await stateOf(lab.sys, fd)).toBe('CLOSE_WAIT');
    await lab.sys.shutdown(fd, 'wr');
    expect(await stateOf(lab.sys, fd)).toBe('LAST_ACK');
    await conn.expect({ flags: FIN | ACK });
    await conn.ack();
    await lab.sleep(2);
    expect(await stateOf(lab.sys, fd)).toBe('CLOSED');
  });

  netTest("simultaneous close: FIN_WAIT_1 → CLOSING on the peer's FIN → TIME_WAIT on the ACK of ours", async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await lab.sys.shutdown(fd, 'wr');
    await conn.expect({ flags: FIN | ACK });
    // The peer's FIN crosses ours: it acknowledges nothing of it.
    await conn.send({ flags: FIN | ACK, ack: 1 });
    await conn.expect({ flags: ACK });
    expect(await stateOf(lab.sys, fd)).toBe('CLOSING');
    await conn.ack();
    await lab.sleep(2);
    expect(await stateOf(lab.sys, fd)).toBe('TIME_WAIT');
  });

  netTest('SYN_SENT → CLOSED when a RST acknowledges the SYN: the error is ECONNREFUSED', async (t) => {
    const lab = openTcpLab(t);
    const { fd, conn } = await connected(lab);
    await conn.expect({ flags: SYN, seq: 0 });
    await conn.send({ flags: RST | ACK, seq: 0 });
    await lab.sleep(2);
    expect(await stateOf(lab.sys, fd)).toBe('CLOSED');
    expect(await lab.sys.getsockopt(fd, 'SO_ERROR')).toBe(111);
  });

  netTest('SYN_SENT → CLOSED when the SYN is never answered: ETIMEDOUT, 127 s after connect', async (t) => {
    const lab = openTcpLab(t);
    const { fd, conn } = await connected(lab);
    await conn.expect({ flags: SYN, seq: 0 });
    await lab.sleep(127_000 - 10);
    expect(await stateOf(lab.sys, fd)).toBe('SYN_SENT');
    await lab.sleep(20);
    expect(await stateOf(lab.sys, fd)).toBe('CLOSED');
    expect(await lab.sys.getsockopt(fd, 'SO_ERROR')).toBe(110);
  });

  netTest('SYN_SENT → CLOSED on close: nothing is sent, and a late SYN-ACK is answered with RST', async (t) => {
    const lab = openTcpLab(t);
    const { fd, conn } = await connected(lab);
    await conn.expect({ flags: SYN, seq: 0 });
    // The control: left alone, the connection sends its SYN again.
    await conn.expect({ flags: SYN, seq: 0, withinMs: RTO_MS + 10 });
    await lab.sys.close(fd);
    await lab.quiet(2 * RTO_MS + 500, 'a connection closed in SYN_SENT sends nothing, not even its SYN again');
    await conn.send({ flags: SYN | ACK, seq: 0 });
    await conn.expect({ flags: RST, seq: 1 });
  });

  netTest('SYN_RECEIVED → FIN_WAIT_1: a shutdown during a simultaneous open sends FIN once the handshake is complete', async (t) => {
    const lab = openTcpLab(t);
    const { fd, conn } = await connected(lab, STACK_PORT);
    await conn.expect({ flags: SYN, seq: 0 });
    await conn.syn();
    await conn.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
    await lab.sys.shutdown(fd, 'wr');
    await conn.send({ flags: SYN | ACK, seq: 0 });
    // RFC 9293 lets the FIN go at once or wait for the handshake: either way it must come now.
    await conn.expect({ flags: FIN | ACK, seq: 1, ack: 1, length: 0 });
    expect(await stateOf(lab.sys, fd)).toBe('FIN_WAIT_1');
  });

  netTest('SYN_RECEIVED → LISTEN: a RST at RCV.NXT drops the half-open connection, and the listener goes on', async (t) => {
    const lab = openTcpLab(t);
    const listener = await listenOn(lab.sys, STACK_PORT);
    const [first, second] = [PEER_PORT, PEER_PORT + 1].map((port) => lab.connection(port, STACK_PORT));
    for (const conn of [first!, second!]) {
      await conn.syn();
      await conn.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
    }
    await first!.rst();
    // The control: the half-open connection left alone sends its SYN-ACK again; the dropped one, whose would come first, does not.
    await second!.expect({ flags: SYN | ACK, seq: 0, ack: 1, withinMs: RTO_MS + 10 });
    await lab.quiet(500, 'the dropped connection retransmits no SYN-ACK');
    await second!.ack();
    const { peer } = await lab.sys.accept(listener);
    expect(peer.port).toBe(PEER_PORT + 1);
    expect(await stateOf(lab.sys, listener)).toBe('LISTEN');
  });

  netTest('LISTEN → CLOSED on close: the port then answers a SYN with RST', async (t) => {
    const lab = openTcpLab(t);
    const listener = await listenOn(lab.sys, STACK_PORT);
    await lab.sys.close(listener);
    const conn = lab.connection(PEER_PORT, STACK_PORT);
    await conn.syn();
    await conn.expect({ flags: RST | ACK, seq: 0, ack: 1 });
  });
});
