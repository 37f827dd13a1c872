/**
 * The sending side of an established connection at its edges: a timeout resends only the oldest
 * MSS of data (no PSH, no FIN while more is unacknowledged behind it) and counts it in
 * TcpRetransSegs, not TcpOutSegs; data and a FIN held back by the peer's window still go out when
 * the window opens in CLOSING (the peer's FIN crossed ours before ours was sent); and a send of
 * 0 bytes returns 0 even with the send buffer full (Linux's tcp_sendmsg copies nothing, so it
 * never waits for room).
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { counterChanges } from '../../../m1-udp/tests/support/counters';
import { expectNamed } from '../support/named-check';
import { openTcpLab } from '../support/tcp-lab';
import { listenOn, stateOf } from '../support/tcp-sockets';

const STACK_PORT = 8484;
const PEER_PORT = 46500;
/** The initial RTO. */
const RTO_MS = 1000;
/** The peer's MSS: small, so that a few hundred bytes take several segments. */
const PEER_MSS = 100;

const { SYN, ACK, PSH, FIN } = TcpFlag;

describe('the sending side, edges', () => {
  netTest('a timeout resends only the first MSS of unacknowledged data, without PSH or FIN, counted in TcpRetransSegs and not TcpOutSegs', async (t) => {
    const lab = openTcpLab(t);
    const listener = await listenOn(lab.sys, STACK_PORT);
    const conn = lab.connection(PEER_PORT, STACK_PORT);
    await conn.open([{ kind: 'mss', value: PEER_MSS }]);
    const { fd } = await lab.sys.accept(listener);
    await lab.sys.send(fd, new Uint8Array(2 * PEER_MSS + 50).fill(7));
    await lab.sys.shutdown(fd, 'wr');
    await conn.expect({ flags: ACK, seq: 1, length: PEER_MSS });
    await conn.expect({ flags: ACK, seq: 1 + PEER_MSS, length: PEER_MSS });
    await conn.expect({ flags: PSH | ACK, seq: 1 + 2 * PEER_MSS, length: 50 });
    await conn.expect({ flags: FIN | ACK, seq: 1 + 2 * PEER_MSS + 50, length: 0 });
    const before = await lab.sys.counters();
    // Nothing is acknowledged: one RTO later only the oldest segment goes out again, as it was.
    await conn.expect({ flags: ACK, seq: 1, length: PEER_MSS, withinMs: RTO_MS + 10 });
    const changes = counterChanges(before, await lab.sys.counters());
    expectNamed('[TcpRetransSegs, TcpOutSegs] changes for the retransmission', [changes.TcpRetransSegs ?? 0, changes.TcpOutSegs ?? 0], [1, 0]);
  });

  netTest("data and FIN held back by the peer's window go out in CLOSING once the window opens", async (t) => {
    const lab = openTcpLab(t);
    const listener = await listenOn(lab.sys, STACK_PORT);
    const conn = lab.connection(PEER_PORT, STACK_PORT);
    await conn.syn();
    await conn.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
    // The peer's window admits 10 bytes: of 20, the last 10 and the FIN behind them must wait.
    await conn.ack(10);
    const { fd } = await lab.sys.accept(listener);
    await lab.sys.send(fd, new Uint8Array(20).fill(3));
    await lab.sys.shutdown(fd, 'wr');
    await conn.expect({ flags: ACK, seq: 1, length: 10 });
    expectNamed('state with the FIN queued behind the window', await stateOf(lab.sys, fd), 'FIN_WAIT_1');
    // The peer's FIN crosses ours (not yet sent); it acknowledges the 10 bytes and opens the window
    // to the last 10 and the FIN (which takes a sequence number: a window of 10 would hold it back).
    await conn.send({ flags: FIN | ACK, ack: 11, window: 11 });
    await conn.expect({ flags: PSH | FIN | ACK, seq: 11, length: 10 });
    expectNamed('state after both FINs crossed', await stateOf(lab.sys, fd), 'CLOSING');
    await conn.ack();
    await lab.sleep(2);
    expectNamed('state once our FIN is acknowledged', await stateOf(lab.sys, fd), 'TIME_WAIT');
  });

  netTest('a send of 0 bytes returns 0 even when the send buffer is full', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await lab.sys.setsockopt(fd, 'SO_SNDBUF', 100);
    await lab.sys.send(fd, new Uint8Array(100).fill(9));
    await conn.expect({ flags: PSH | ACK, seq: 1, length: 100 });
    lab.sys.fcntl(fd, 'O_NONBLOCK');
    expectNamed('bytes taken by a send of 0 bytes with the buffer full of unacknowledged data', await lab.sys.send(fd, new Uint8Array(0)), 0);
  });
});
