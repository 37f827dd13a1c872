/**
 * How connections end, seen in the counters and in FIN_WAIT_2: a RST in CLOSE_WAIT counts in
 * TcpEstabResets (CLOSE_WAIT straight to CLOSED), a RST on a listener's half-open connection in
 * TcpAttemptFails (a handshake that fails; Linux's tcp_check_req counts it too), and a FIN_WAIT_2
 * whose program still holds the fd is not subject to the orphans' 60 s limit.
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { bytesOf } from '../../../m1-udp/tests/support/bytes';
import { counterChanges } from '../../../m1-udp/tests/support/counters';
import { expectNamed } from '../support/named-check';
import { openTcpLab } from '../support/tcp-lab';
import { listenOn, stateOf } from '../support/tcp-sockets';

const STACK_PORT = 8181;
const PEER_PORT = 48000;
/** Longer than the 60 s an orphan waits in FIN_WAIT_2. */
const PAST_ORPHAN_LIMIT_MS = 90_000;

const { SYN, ACK, FIN } = TcpFlag;

describe('ends of connections', () => {
  netTest('a RST in CLOSE_WAIT counts in TcpEstabResets', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await conn.fin();
    await conn.expect({ flags: ACK });
    expectNamed('state after the peer closed', await stateOf(lab.sys, fd), 'CLOSE_WAIT');
    const before = await lab.sys.counters();
    await conn.rst();
    await lab.sleep(2);
    expectNamed('state after the RST', await stateOf(lab.sys, fd), 'CLOSED');
    expectNamed('TcpEstabResets change', counterChanges(before, await lab.sys.counters()).TcpEstabResets ?? 0, 1);
  });

  netTest("a RST on a listener's half-open connection counts in TcpAttemptFails", async (t) => {
    const lab = openTcpLab(t);
    await listenOn(lab.sys, STACK_PORT);
    const conn = lab.connection(PEER_PORT, STACK_PORT);
    await conn.syn();
    await conn.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
    const before = await lab.sys.counters();
    await conn.rst();
    await lab.sleep(2);
    expectNamed('TcpAttemptFails change', counterChanges(before, await lab.sys.counters()).TcpAttemptFails ?? 0, 1);
  });

  netTest('FIN_WAIT_2 with the fd still open outlasts the orphan limit, and still takes data', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await lab.sys.shutdown(fd, 'wr');
    await conn.expect({ flags: FIN | ACK });
    await conn.ack();
    await lab.sleep(PAST_ORPHAN_LIMIT_MS);
    expectNamed(`state ${PAST_ORPHAN_LIMIT_MS} ms after our FIN was acknowledged`, await stateOf(lab.sys, fd), 'FIN_WAIT_2');
    await conn.push(bytesOf('late'));
    await conn.expect({ flags: ACK });
    expectNamed('data read in FIN_WAIT_2', new TextDecoder().decode(await lab.sys.recv(fd, 100)), 'late');
  });
});
