/** Transitions at their edges: FIN and ACK together, TIME_WAIT reopened by a new SYN, FIN retransmission, failed connects started over. */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { expectErrno } from '../../../m1-udp/tests/support/errno';
import { openTcpLab } from '../support/tcp-lab';
import { rtoOf, startConnect, stateOf } from '../support/tcp-sockets';

const STACK_PORT = 8888;
const PEER_PORT = 44444;

const { SYN, ACK, FIN, RST } = TcpFlag;

describe('connection states, edges', () => {
  netTest("FIN_WAIT_1 → TIME_WAIT at once when the peer's FIN acknowledges ours in the same segment", async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await lab.sys.shutdown(fd, 'wr');
    await conn.expect({ flags: FIN | ACK });
    await conn.fin();
    await conn.expect({ flags: ACK });
    expect(await stateOf(lab.sys, fd)).toBe('TIME_WAIT');
  });

  netTest('an unacknowledged FIN is sent again after one RTO (1 s before any round trip is measured), then 2 RTO later, then 4 RTO later', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await lab.sys.shutdown(fd, 'wr');
    const sent = [await conn.expect({ flags: FIN | ACK, seq: 1 })];
    const rto = await rtoOf(lab.sys, fd);
    for (let i = 0; i < 3; i++) sent.push(await conn.expect({ flags: FIN | ACK, seq: 1, withinMs: 5 * rto }));
    const gaps = sent.slice(1).map((segment, i) => Math.round((segment.timeUs - sent[i]!.timeUs) / 1000));
    expect(gaps).toEqual([rto, 2 * rto, 4 * rto]);
  });

  netTest('a new SYN beyond the old sequence numbers reopens a 4-tuple in TIME_WAIT at once; an old one only gets an ACK', async (t) => {
    const lab = openTcpLab(t);
    const { listener, conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await lab.sys.close(fd);
    await conn.expect({ flags: FIN | ACK });
    await conn.fin();
    await conn.expect({ flags: ACK });
    // An old SYN (at the old ISN): TIME_WAIT answers with an ACK of where it is.
    await conn.send({ flags: SYN, seq: 0 });
    await conn.expect({ flags: ACK, seq: 2, ack: 2 });
    // A SYN beyond everything the old connection used: a new connection, from the listener.
    const newIsn = conn.sndNxt + 100_000;
    await conn.send({ flags: SYN, seq: newIsn, options: [{ kind: 'mss', value: 1460 }] });
    const synAck = await lab.next();
    expect(synAck.header.flags).toBe(SYN | ACK);
    expect(synAck.header.ack).toBe((conn.peerIsn + newIsn + 1) >>> 0);
    expect(await stateOf(lab.sys, listener)).toBe('LISTEN');
  });

  netTest('after a refused nonblocking connect, SO_ERROR reports it once, connect() then says ECONNABORTED, and the next connect starts over', async (t) => {
    const lab = openTcpLab(t);
    const fd = await startConnect(lab.sys, { address: lab.peerAddress, port: PEER_PORT });
    const port = (await lab.sys.getsockname(fd)).port;
    const first = lab.connection(PEER_PORT, port);
    await first.expect({ flags: SYN, seq: 0 });
    await first.send({ flags: RST | ACK, seq: 0 });
    await lab.sleep(2);
    expect(await lab.sys.getsockopt(fd, 'SO_ERROR')).toBe(111);
    lab.sys.fcntl(fd, 'O_NONBLOCK');
    await expectErrno(lab.sys.connect(fd, { address: lab.peerAddress, port: PEER_PORT }), 'ECONNABORTED', 'connect after SO_ERROR took the error');
    await expectErrno(lab.sys.connect(fd, { address: lab.peerAddress, port: PEER_PORT }), 'EINPROGRESS', 'a new attempt');
    const second = lab.connection(PEER_PORT, port);
    await second.answer();
    expect(await stateOf(lab.sys, fd)).toBe('ESTABLISHED');
  });
});
