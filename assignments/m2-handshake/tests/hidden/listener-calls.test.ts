/**
 * listen() and a listener at their edges, as on Linux: EINVAL on a socket that is or was
 * connected, the automatic bind of an unbound socket (ip(7)), a negative backlog (read as the
 * largest), a SYN that carries RST (a listener ignores any RST, RFC 9293 §3.10.7.2), and
 * shutdown on a listener ('rd' stops it as close() does, 'wr' changes nothing: inet_shutdown).
 */
import { EPOLLIN, INADDR_ANY } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { counterChanges } from '../../../m1-udp/tests/support/counters';
import { expectErrno } from '../../../m1-udp/tests/support/errno';
import { expectNamed } from '../support/named-check';
import { openTcpLab } from '../support/tcp-lab';
import { listenOn, stateOf } from '../support/tcp-sockets';

const STACK_PORT = 8484;
const PEER_PORT = 45400;
/** Linux's net.core.somaxconn, the largest backlog. */
const SOMAXCONN = 4096;
/** The first of the peer ports of many connections. */
const FIRST_MANY_PORT = 20000;

const { SYN, ACK, RST } = TcpFlag;

describe('listen and the listener', () => {
  netTest('listen on an accepted connection fails with EINVAL, and still once its connection is reset', async (t) => {
    const lab = openTcpLab(t);
    const { listener, conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await expectErrno(lab.sys.listen(fd, 8), 'EINVAL', 'listen on an established connection');
    // With the listener gone the port is free for a listener: only the socket's past stands in the way.
    await lab.sys.close(listener);
    await conn.rst();
    await lab.sleep(10);
    expectNamed('the state after the RST', await stateOf(lab.sys, fd), 'CLOSED');
    await expectErrno(lab.sys.listen(fd, 8), 'EINVAL', 'listen on a socket whose connection was reset');
  });

  netTest('listen without bind binds an ephemeral port and takes connections on it', async (t) => {
    const lab = openTcpLab(t);
    const fd = await lab.sys.socket('tcp');
    await lab.sys.listen(fd, 8);
    const local = await lab.sys.getsockname(fd);
    expectNamed('the address listen bound', local.address, INADDR_ANY);
    expect(local.port).toBeGreaterThan(0);
    await lab.connection(PEER_PORT, local.port).open();
    const { peer } = await lab.sys.accept(fd);
    expectNamed('the port of the accepted peer', peer.port, PEER_PORT);
  });

  netTest('a negative backlog means the largest one (Linux reads it unsigned): three connections wait, and all are taken', async (t) => {
    const lab = openTcpLab(t);
    const fd = await listenOn(lab.sys, STACK_PORT, { backlog: -1 });
    const ports = [PEER_PORT, PEER_PORT + 1, PEER_PORT + 2];
    for (const port of ports) {
      const conn = lab.connection(port, STACK_PORT);
      await conn.syn();
      await conn.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
      await conn.ack();
    }
    const taken: number[] = [];
    for (const _ of ports) taken.push((await lab.sys.accept(fd)).peer.port);
    expectNamed('the ports of the accepted peers', taken, ports);
  });

  netTest('a backlog above 4096 (SOMAXCONN) is cut to 4096: 4097 connections wait, the next SYN is dropped and counted', async (t) => {
    const lab = openTcpLab(t);
    await listenOn(lab.sys, STACK_PORT, { backlog: SOMAXCONN + 1000 });
    // Full means more than the backlog: 4097 connections fit, whatever larger backlog was asked for.
    for (let i = 0; i <= SOMAXCONN; i++) await lab.connection(FIRST_MANY_PORT + i, STACK_PORT).open();
    const before = await lab.sys.counters();
    await lab.connection(FIRST_MANY_PORT + SOMAXCONN + 1, STACK_PORT).syn();
    await lab.quiet(300, 'the accept queue holds 4097 connections: it is full');
    const changes = counterChanges(before, await lab.sys.counters());
    expectNamed('ListenOverflows and ListenDrops', [changes.ListenOverflows ?? 0, changes.ListenDrops ?? 0], [1, 1]);
  });

  netTest('a SYN that carries RST is ignored: no SYN-ACK, no RST, no connection', async (t) => {
    const lab = openTcpLab(t);
    await listenOn(lab.sys, STACK_PORT);
    const conn = lab.connection(PEER_PORT, STACK_PORT);
    const before = await lab.sys.counters();
    await conn.send({ flags: SYN | RST, seq: 0, options: [{ kind: 'mss', value: 1460 }] });
    await lab.quiet(1500, 'a listener ignores a RST, whatever else it carries');
    expectNamed('the change of TcpPassiveOpens', counterChanges(before, await lab.sys.counters()).TcpPassiveOpens ?? 0, 0);
  });

  netTest("shutdown 'wr' leaves a listener listening; 'rd' stops it: its queued connection is reset, a new SYN refused", async (t) => {
    const lab = openTcpLab(t);
    const fd = await listenOn(lab.sys, STACK_PORT);
    const [waiting, late] = [0, 1].map((i) => lab.connection(PEER_PORT + i, STACK_PORT));
    await lab.sys.shutdown(fd, 'wr');
    expectNamed("the listener's state after shutdown 'wr'", await stateOf(lab.sys, fd), 'LISTEN');
    await waiting!.open();
    await lab.sleep(10); // the final ACK reaches the stack: the connection waits in the accept queue
    expectNamed('poll on the listener with a connection waiting', await lab.sys.poll(fd), EPOLLIN);
    await lab.sys.shutdown(fd, 'rd');
    await waiting!.expect({ flags: RST | ACK, seq: 1, ack: 1 });
    expectNamed("the state after shutdown 'rd'", await stateOf(lab.sys, fd), 'CLOSED');
    await late!.syn();
    await late!.expect({ flags: RST | ACK, seq: 0, ack: 1 });
  });
});
