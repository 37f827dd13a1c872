/** The listener's queues with other backlogs, a second listen(), and a listener closed with connections waiting. */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { counterChanges } from '../../../m1-udp/tests/support/counters';
import { openTcpLab } from '../support/tcp-lab';
import { listenOn } from '../support/tcp-sockets';

const STACK_PORT = 9090;
const FIRST_CLIENT_PORT = 41000;
/** The initial RTO: an unanswered SYN-ACK is sent again after 1 s, the next time 2 s later. */
const RTO_MS = 1000;

const { SYN, ACK, RST } = TcpFlag;

describe('accept queue', () => {
  netTest('with backlog 3 four connections wait, and the fifth SYN is dropped and counted', async (t) => {
    const lab = openTcpLab(t);
    await listenOn(lab.sys, STACK_PORT, { backlog: 3 });
    const clients = [0, 1, 2, 3, 4].map((i) => lab.connection(FIRST_CLIENT_PORT + i, STACK_PORT));
    for (const client of clients.slice(0, 4)) await client.open();
    const before = await lab.sys.counters();
    await clients[4]!.syn();
    await lab.quiet(300, 'four connections wait with backlog 3: the queue is full');
    expect(counterChanges(before, await lab.sys.counters())).toMatchObject({ ListenOverflows: 1, ListenDrops: 1 });
  });

  netTest('listen() on a listener changes its backlog: room for more connections at once', async (t) => {
    const lab = openTcpLab(t);
    const listener = await listenOn(lab.sys, STACK_PORT, { backlog: 0 });
    const [a, b, c] = [0, 1, 2].map((i) => lab.connection(FIRST_CLIENT_PORT + i, STACK_PORT));
    await a!.open();
    await b!.syn();
    await lab.quiet(100, 'backlog 0 holds one connection: the queue is full');
    await lab.sys.listen(listener, 2);
    await b!.syn();
    await b!.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
    await b!.ack();
    await c!.open();
    expect(await lab.sys.tcpInfo(listener)).toMatchObject({ state: 'LISTEN' });
  });

  netTest('closing a listener resets each connection in its accept queue and drops its half-open ones in silence', async (t) => {
    const lab = openTcpLab(t);
    const listener = await listenOn(lab.sys, STACK_PORT);
    const [a, b, halfOpen] = [0, 1, 2].map((i) => lab.connection(FIRST_CLIENT_PORT + i, STACK_PORT));
    await a!.open();
    await b!.open();
    await halfOpen!.syn();
    await halfOpen!.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
    // The control: while the listener lives, the half-open connection sends its SYN-ACK again after 1 s.
    await halfOpen!.expect({ flags: SYN | ACK, seq: 0, ack: 1, withinMs: RTO_MS + 10 });
    await lab.sys.close(listener);
    const resets = [await lab.next(), await lab.next()].map((segment) => ({ port: segment.header.dstPort, flags: segment.header.flags & (RST | ACK) }));
    expect(resets.sort((x, y) => x.port - y.port)).toEqual([
      { port: a!.peerPort, flags: RST | ACK },
      { port: b!.peerPort, flags: RST | ACK },
    ]);
    await lab.quiet(2 * RTO_MS + 500, 'the half-open connection is gone: no SYN-ACK retransmission');
    await halfOpen!.ack();
    await halfOpen!.expect({ flags: RST, seq: 1 });
  });
});
