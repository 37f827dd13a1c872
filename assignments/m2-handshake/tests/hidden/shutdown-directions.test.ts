/**
 * shutdown() direction by direction (shutdown(2), Linux's inet_shutdown and tcp_poll): 'rd'
 * sends nothing and makes recv return end of file, 'rdwr' also sends the FIN, an unknown `how`
 * is EINVAL, and shutting down sending in SYN_SENT abandons the connect as close() does.
 */
import { EPOLLHUP, EPOLLIN, EPOLLOUT, EPOLLRDHUP, errnoNumber, type ShutdownHow } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { expectErrno } from '../../../m1-udp/tests/support/errno';
import { expectNamed } from '../support/named-check';
import { openTcpLab } from '../support/tcp-lab';
import { startConnect, stateOf } from '../support/tcp-sockets';

const STACK_PORT = 8181;
const PEER_PORT = 45100;
/** The initial RTO: an unanswered SYN is sent again after 1 s. */
const RTO_MS = 1000;

const { SYN, ACK, FIN } = TcpFlag;

describe('shutdown', () => {
  netTest("'rd' sends nothing, keeps the connection ESTABLISHED, and recv returns end of file at once", async (t) => {
    const lab = openTcpLab(t);
    const { fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await lab.sys.shutdown(fd, 'rd');
    await lab.quiet(100, "shutdown 'rd' only closes the reading side: no FIN, no RST");
    expectNamed("the state after shutdown 'rd'", await stateOf(lab.sys, fd), 'ESTABLISHED');
    expectNamed("poll after shutdown 'rd'", await lab.sys.poll(fd), EPOLLIN | EPOLLOUT | EPOLLRDHUP);
    // Nonblocking, so that a stack that did not shut reading fails with EAGAIN instead of hanging.
    lab.sys.fcntl(fd, 'O_NONBLOCK');
    expectNamed("the bytes recv returns after shutdown 'rd' (end of file)", (await lab.sys.recv(fd, 100)).length, 0);
  });

  netTest("'rdwr' sends the FIN (FIN_WAIT_1) and polls EPOLLHUP as well", async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await lab.sys.shutdown(fd, 'rdwr');
    await conn.expect({ flags: FIN | ACK, seq: 1 });
    expectNamed("the state after shutdown 'rdwr'", await stateOf(lab.sys, fd), 'FIN_WAIT_1');
    expectNamed("poll after shutdown 'rdwr' (both directions shut)", await lab.sys.poll(fd), EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLHUP);
  });

  netTest('an unknown how fails with EINVAL and changes nothing', async (t) => {
    const lab = openTcpLab(t);
    const { fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    // The C call takes any int; shutdown(2) says EINVAL for one that is not SHUT_RD, SHUT_WR or SHUT_RDWR.
    await expectErrno(lab.sys.shutdown(fd, 'both' as ShutdownHow), 'EINVAL', "shutdown with how 'both'");
    await lab.quiet(100, 'a failed shutdown sends nothing');
    expectNamed('the state after a failed shutdown', await stateOf(lab.sys, fd), 'ESTABLISHED');
  });

  netTest("'wr' in SYN_SENT abandons the connect: CLOSED, no more SYNs, SO_ERROR ECONNRESET, and connect starts over", async (t) => {
    const lab = openTcpLab(t);
    const fd = await startConnect(lab.sys, { address: lab.peerAddress, port: PEER_PORT });
    const port = (await lab.sys.getsockname(fd)).port;
    await lab.connection(PEER_PORT, port).expect({ flags: SYN, seq: 0 });
    // The diagram's close() in SYN_SENT: shutdown(SHUT_WR) is one, and it sends nothing.
    await lab.sys.shutdown(fd, 'wr');
    expectNamed("the state after shutdown 'wr' in SYN_SENT", await stateOf(lab.sys, fd), 'CLOSED');
    await lab.quiet(2 * RTO_MS, 'an abandoned connect retransmits no SYN and sends no RST');
    // Linux's tcp_disconnect reports the abandoned attempt as ECONNRESET.
    expectNamed('SO_ERROR after the abandoned connect', await lab.sys.getsockopt(fd, 'SO_ERROR'), errnoNumber('ECONNRESET'));
    lab.sys.fcntl(fd, 'O_NONBLOCK');
    await expectErrno(lab.sys.connect(fd, { address: lab.peerAddress, port: PEER_PORT }), 'EINPROGRESS', 'connect after the abandoned attempt');
    await lab.connection(PEER_PORT, port).answer();
    expectNamed('the state of the new attempt', await stateOf(lab.sys, fd), 'ESTABLISHED');
  });
});
