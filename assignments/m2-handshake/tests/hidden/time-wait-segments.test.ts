/**
 * TIME_WAIT with the program's fd still open (it shut down sending, then the peer closed):
 * only a bare SYN beyond the old connection's numbers reopens the 4-tuple, so a SYN-ACK there is
 * answered by the TIME_WAIT itself; and a RST at RCV.NXT ends it without an error, as Linux's
 * tcp_reset reports none in TIME_WAIT.
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { expectNamed } from '../support/named-check';
import { openTcpLab, type TcpLab } from '../support/tcp-lab';
import { stateOf } from '../support/tcp-sockets';

const STACK_PORT = 8888;
const PEER_PORT = 45800;

const { SYN, ACK, FIN } = TcpFlag;

/** An accepted connection taken to TIME_WAIT by shutdown(SHUT_WR) and the peer's FIN; the listener stays. */
async function inTimeWait(lab: TcpLab): Promise<Awaited<ReturnType<TcpLab['accepted']>>> {
  const accepted = await lab.accepted(STACK_PORT, PEER_PORT);
  const { conn, fd } = accepted;
  await lab.sys.shutdown(fd, 'wr');
  await conn.expect({ flags: FIN | ACK, seq: 1 });
  await conn.fin();
  await conn.expect({ flags: ACK, seq: 2 });
  expectNamed('the state after both FINs', await stateOf(lab.sys, fd), 'TIME_WAIT');
  return accepted;
}

describe('TIME_WAIT with the fd open', () => {
  netTest('a SYN-ACK beyond the old connection’s numbers does not reopen the 4-tuple: the TIME_WAIT answers it with an ACK', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await inTimeWait(lab);
    // Not a bare SYN: the listener must not get it (it would answer its ACK with a RST).
    await conn.send({ flags: SYN | ACK, seq: conn.sndNxt + 100_000, ack: 2 });
    await conn.expect({ flags: ACK, seq: 2, ack: conn.sndNxt });
    expectNamed('the state after the SYN-ACK', await stateOf(lab.sys, fd), 'TIME_WAIT');
  });

  netTest('a RST at RCV.NXT ends the TIME_WAIT without an error: SO_ERROR is 0', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await inTimeWait(lab);
    await conn.rst();
    await lab.sleep(10);
    expectNamed('the state after the RST', await stateOf(lab.sys, fd), 'CLOSED');
    expectNamed('SO_ERROR after a RST in TIME_WAIT', await lab.sys.getsockopt(fd, 'SO_ERROR'), 0);
  });
});
