/**
 * A connection that ends by a RST, one kind at a time: a reset ESTABLISHED connection counts in
 * TcpEstabResets and not in TcpAttemptFails, a refused connect the other way round (each counter
 * for its own kind of end alone); and a socket whose connection was reset still holds the port it
 * was bound to until the program closes it (as on Linux, where an explicitly bound port stays
 * with the socket: "a closed socket's port is free again", an open one's is not), and is no longer
 * connected to anyone (getpeername: ENOTCONN).
 */
import { INADDR_ANY } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { counterChanges } from '../../../m1-udp/tests/support/counters';
import { expectErrno } from '../../../m1-udp/tests/support/errno';
import { expectNamed } from '../support/named-check';
import { openTcpLab } from '../support/tcp-lab';
import { startConnect, stateOf } from '../support/tcp-sockets';

const STACK_PORT = 8282;
const PEER_PORT = 47000;

const { SYN, ACK, RST } = TcpFlag;

describe('connections ended by a RST', () => {
  netTest('getpeername on a connection that was reset fails with ENOTCONN: the socket is CLOSED, connected to nothing', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    expectNamed('the peer getpeername names before the RST', (await lab.sys.getpeername(fd)).port, PEER_PORT);
    await conn.rst();
    await lab.sleep(2);
    await expectErrno(lab.sys.recv(fd, 10), 'ECONNRESET', 'recv after the RST');
    await expectErrno(lab.sys.getpeername(fd), 'ENOTCONN', 'getpeername after the RST');
  });

  netTest('a RST in ESTABLISHED counts in TcpEstabResets only, not in TcpAttemptFails', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    const before = await lab.sys.counters();
    await conn.rst();
    await lab.sleep(2);
    expectNamed('state after the RST', await stateOf(lab.sys, fd), 'CLOSED');
    const changes = counterChanges(before, await lab.sys.counters());
    expectNamed('[TcpEstabResets, TcpAttemptFails] changes', [changes.TcpEstabResets ?? 0, changes.TcpAttemptFails ?? 0], [1, 0]);
  });

  netTest('a refused connect counts in TcpAttemptFails only, not in TcpEstabResets', async (t) => {
    const lab = openTcpLab(t);
    const fd = await startConnect(lab.sys, { address: lab.peerAddress, port: PEER_PORT });
    const conn = lab.connection(PEER_PORT, (await lab.sys.getsockname(fd)).port);
    await conn.expect({ flags: SYN, seq: 0 });
    const before = await lab.sys.counters();
    await conn.send({ flags: RST | ACK, seq: 0, ack: 1 });
    await lab.sleep(2);
    expectNamed('state after the RST', await stateOf(lab.sys, fd), 'CLOSED');
    const changes = counterChanges(before, await lab.sys.counters());
    expectNamed('[TcpEstabResets, TcpAttemptFails] changes', [changes.TcpEstabResets ?? 0, changes.TcpAttemptFails ?? 0], [0, 1]);
  });

  netTest('a socket whose connection was reset still holds its bound port while its fd is open: binding the port again is EADDRINUSE', async (t) => {
    const lab = openTcpLab(t);
    const fd = await startConnect(lab.sys, { address: lab.peerAddress, port: PEER_PORT }, STACK_PORT);
    const conn = lab.connection(PEER_PORT, STACK_PORT);
    await conn.answer();
    await conn.rst();
    await lab.sleep(2);
    expectNamed('state after the RST', await stateOf(lab.sys, fd), 'CLOSED');
    const other = await lab.sys.socket('tcp');
    await expectErrno(lab.sys.bind(other, { address: INADDR_ANY, port: STACK_PORT }), 'EADDRINUSE', 'bind to the port of the reset, still open socket');
    // Once the program closes it, the port is free again.
    await lab.sys.close(fd);
    await lab.sys.bind(other, { address: INADDR_ANY, port: STACK_PORT });
  });
});
