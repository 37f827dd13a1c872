/**
 * close() and FIN_WAIT_2 at their edges: close() in TIME_WAIT (nothing to send, the wait goes
 * on), an orphan in FIN_WAIT_2 dropped 60 s after close(), and an accepted connection with its
 * fd open that waits in FIN_WAIT_2 as long as it likes.
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { expectNamed } from '../support/named-check';
import { openTcpLab } from '../support/tcp-lab';
import { stateOf } from '../support/tcp-sockets';

const STACK_PORT = 8282;
const PEER_PORT = 45200;
/** How long an orphan waits in FIN_WAIT_2 for the peer's FIN. */
const FIN_WAIT_2_MS = 60_000;

const { ACK, FIN, RST } = TcpFlag;

describe('closing, edges', () => {
  netTest('close() in TIME_WAIT sends nothing, even with unread data, and TIME_WAIT goes on: a retransmitted FIN is acknowledged', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await conn.push(new Uint8Array(10).fill(1));
    await conn.expect({ flags: ACK });
    await lab.sys.shutdown(fd, 'wr');
    await conn.expect({ flags: FIN | ACK });
    await conn.fin();
    await conn.expect({ flags: ACK });
    expectNamed('the state after both FINs', await stateOf(lab.sys, fd), 'TIME_WAIT');
    // Both FINs are acknowledged: there is nothing left to send, no RST for the unread bytes either
    // (Linux's tcp_close finds the socket already closed; the TIME_WAIT lives on without it).
    await lab.sys.close(fd);
    await lab.quiet(100, 'close() in TIME_WAIT has nothing to send');
    await conn.send({ flags: FIN | ACK, seq: conn.sndNxt - 1 });
    await conn.expect({ flags: ACK, seq: 2 });
  });

  netTest('an orphan in FIN_WAIT_2 lives on until 60 s after close(), then the peer’s FIN finds no connection', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await lab.sys.shutdown(fd, 'wr');
    await conn.expect({ flags: FIN | ACK });
    await conn.ack();
    await lab.sleep(100);
    expectNamed('the state once the FIN is acknowledged', await stateOf(lab.sys, fd), 'FIN_WAIT_2');
    // Only now the fd goes: the connection, already in FIN_WAIT_2, becomes an orphan with a time limit.
    await lab.sys.close(fd);
    await lab.sleep(FIN_WAIT_2_MS - 1000);
    // Still there: a bare ACK of what it has is taken without an answer (a connection gone would reset it).
    await conn.ack();
    await lab.quiet(100, 'the orphan still waits in FIN_WAIT_2');
    await lab.sleep(2000);
    await conn.fin();
    await conn.expect({ flags: RST, seq: 2 });
  });

  netTest('an accepted connection whose fd is open waits in FIN_WAIT_2 beyond 60 s, and then takes the peer’s FIN', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await lab.sys.shutdown(fd, 'wr');
    await conn.expect({ flags: FIN | ACK });
    await conn.ack();
    await lab.sleep(FIN_WAIT_2_MS + 10_000);
    expectNamed('the state 70 s into FIN_WAIT_2, the fd open', await stateOf(lab.sys, fd), 'FIN_WAIT_2');
    await conn.fin();
    await conn.expect({ flags: ACK, seq: 2 });
    expectNamed("the state after the peer's FIN", await stateOf(lab.sys, fd), 'TIME_WAIT');
  });
});
