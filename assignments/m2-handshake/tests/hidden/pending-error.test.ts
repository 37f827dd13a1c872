/**
 * A socket's pending error stays until a call reports it or SO_ERROR is read, as Linux keeps
 * sk_err: a new connect on the socket, and that connection's orderly end, do not clear it.
 */
import { errnoNumber } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { expectErrno } from '../../../m1-udp/tests/support/errno';
import { expectNamed } from '../support/named-check';
import { openTcpLab } from '../support/tcp-lab';
import { startConnect, stateOf } from '../support/tcp-sockets';

const PEER_PORT = 45_700;

const { SYN, ACK, FIN } = TcpFlag;

describe('the pending error', () => {
  netTest("an abandoned connect's ECONNRESET, unread, outlives a new connection on the socket and its orderly close", async (t) => {
    const lab = openTcpLab(t);
    const to = { address: lab.peerAddress, port: PEER_PORT };
    const fd = await startConnect(lab.sys, to);
    const conn = lab.connection(PEER_PORT, (await lab.sys.getsockname(fd)).port);
    await conn.expect({ flags: SYN, seq: 0 });
    // shutdown in SYN_SENT abandons the attempt: ECONNRESET is pending, and nobody reads it.
    await lab.sys.shutdown(fd, 'wr');
    lab.sys.fcntl(fd, 'O_NONBLOCK');
    await expectErrno(lab.sys.connect(fd, to), 'EINPROGRESS', 'connect after the abandoned attempt');
    const again = lab.connection(PEER_PORT, (await lab.sys.getsockname(fd)).port);
    await again.answer();
    // The peer closes first; the stack follows: CLOSE_WAIT, LAST_ACK, CLOSED without an error of its own.
    await again.fin();
    await again.expect({ flags: ACK });
    await lab.sys.shutdown(fd, 'wr');
    await again.expect({ flags: FIN | ACK });
    await again.ack();
    await lab.sleep(10);
    expectNamed('the state after the orderly close', await stateOf(lab.sys, fd), 'CLOSED');
    expectNamed('SO_ERROR, first read after the abandoned connect', await lab.sys.getsockopt(fd, 'SO_ERROR'), errnoNumber('ECONNRESET'));
  });
});
