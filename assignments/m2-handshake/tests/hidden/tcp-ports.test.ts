/**
 * The TCP port table beyond bind's conflicts: milestone 1's rules for bind hold for TCP sockets too
 * (EADDRNOTAVAIL for an address not this host's; port 0 walks past every port a TCP socket holds,
 * and a closed socket's port is free to it again), and a connection's 4-tuple, once reused by a new
 * connection, stays the new one's when the old socket is closed.
 */
import { INADDR_ANY, type Fd } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { portAfter } from '../../../m1-udp/tests/support/ephemeral';
import { expectErrno } from '../../../m1-udp/tests/support/errno';
import { derivedSeed } from '../../../m1-udp/tests/support/seeded';
import { expectNamed } from '../support/named-check';
import { openTcpLab, type TcpLab } from '../support/tcp-lab';
import { readExactly, stateOf } from '../support/tcp-sockets';

const STACK_PORT = 8080;
const PEER_PORT = 5000;

const { ACK } = TcpFlag;

/** A new TCP socket of `lab` bound to 0.0.0.0:`port`. */
async function boundTcp(lab: TcpLab, port: number): Promise<Fd> {
  const fd = await lab.sys.socket('tcp');
  await lab.sys.bind(fd, { address: INADDR_ANY, port });
  return fd;
}

/** The port a first bind to port 0 gets on a network seeded with `seed` (the search's start, when nothing is held). */
async function firstEphemeralPort(t: Parameters<typeof openTcpLab>[0], seed: number): Promise<number> {
  const lab = openTcpLab(t, { seed });
  return (await lab.sys.getsockname(await boundTcp(lab, 0))).port;
}

describe('TCP ports', () => {
  netTest('bind to an address that is not this host’s fails with EADDRNOTAVAIL', async (t) => {
    const lab = openTcpLab(t);
    const fd = await lab.sys.socket('tcp');
    await expectErrno(lab.sys.bind(fd, { address: lab.peerAddress, port: STACK_PORT }), 'EADDRNOTAVAIL', 'bind to the peer’s address');
    // The socket is still unbound: binding it to an address of this host works.
    await lab.sys.bind(fd, { address: lab.stackAddress, port: STACK_PORT });
  });

  netTest('bind to port 0 passes by the port another TCP socket holds, to the next one up', async (t) => {
    const seed = derivedSeed(t.seed, 'twin networks');
    const wouldPick = await firstEphemeralPort(t, seed);
    // The same seed draws the same start: the twin's search begins at the port its other socket holds.
    const twin = openTcpLab(t, { seed });
    await boundTcp(twin, wouldPick);
    const fd = await boundTcp(twin, 0);
    expectNamed('the port bind to port 0 got', (await twin.sys.getsockname(fd)).port, portAfter(wouldPick, 1));
  });

  netTest('a port whose TCP socket was closed is free to the ephemeral search again', async (t) => {
    const seed = derivedSeed(t.seed, 'twin networks');
    const wouldPick = await firstEphemeralPort(t, seed);
    const twin = openTcpLab(t, { seed });
    await twin.sys.close(await boundTcp(twin, wouldPick));
    const fd = await boundTcp(twin, 0);
    expectNamed('the port bind to port 0 got', (await twin.sys.getsockname(fd)).port, wouldPick);
  });

  netTest('closing the socket of a reset connection leaves a new connection from the same peer port working', async (t) => {
    const lab = openTcpLab(t);
    const { listener, conn: old, fd: oldFd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await old.rst();
    await lab.sleep(5);
    expectNamed('the state of the reset connection', await stateOf(lab.sys, oldFd), 'CLOSED');
    // The peer opens a new connection with the same four numbers; the old socket is closed only then.
    const conn = lab.connection(PEER_PORT, STACK_PORT);
    await conn.open();
    const { fd } = await lab.sys.accept(listener);
    await lab.sys.close(oldFd);
    const data = new Uint8Array([1, 2, 3, 4, 5]);
    await conn.push(data);
    await conn.expect({ flags: ACK });
    expectNamed('the bytes the new connection received', [...(await readExactly(lab.sys, fd, data.length))], [...data]);
  });
});
