/**
 * The listener's queues with several clients at once (a script follows one connection): the
 * accept queue holds at most backlog + 1 connections, as on Linux; beyond that, SYNs and final
 * ACKs are dropped in silence and counted, so that clients retry until the program accepts.
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { counterChanges } from '../../../m1-udp/tests/support/counters';
import { openTcpLab } from '../support/tcp-lab';
import { listenOn } from '../support/tcp-sockets';

const STACK_PORT = 8080;
const FIRST_CLIENT_PORT = 5000;
/** The first SYN-ACK retransmission: one initial RTO after the SYN-ACK. */
const RTO_MS = 1000;

const { SYN, ACK } = TcpFlag;

describe('accept queue', () => {
  netTest('with backlog 1 two connections wait; the third SYN is dropped without an answer and counted in ListenOverflows and ListenDrops', async (t) => {
    const lab = openTcpLab(t);
    await listenOn(lab.sys, STACK_PORT, { backlog: 1 });
    const [a, b, c] = [0, 1, 2].map((i) => lab.connection(FIRST_CLIENT_PORT + i, STACK_PORT));
    await a!.open();
    await b!.open();
    const before = await lab.sys.counters();
    await c!.syn();
    await lab.quiet(500, 'the accept queue is full: the SYN is dropped');
    expect(counterChanges(before, await lab.sys.counters())).toMatchObject({ ListenOverflows: 1, ListenDrops: 1 });
  });

  netTest('once accept() makes room, the retransmitted SYN is answered', async (t) => {
    const lab = openTcpLab(t);
    const listener = await listenOn(lab.sys, STACK_PORT, { backlog: 0 });
    const [a, b] = [0, 1].map((i) => lab.connection(FIRST_CLIENT_PORT + i, STACK_PORT));
    await a!.open();
    await b!.syn();
    await lab.quiet(RTO_MS, 'the accept queue is full: the SYN is dropped');
    expect((await lab.sys.accept(listener)).peer.port).toBe(a!.peerPort);
    await b!.syn();
    await b!.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
    await b!.ack();
    expect((await lab.sys.accept(listener)).peer.port).toBe(b!.peerPort);
  });

  netTest('a final ACK that finds the queue full is dropped: the connection stays half-open, its SYN-ACK is retransmitted, and it completes once there is room', async (t) => {
    const lab = openTcpLab(t);
    const listener = await listenOn(lab.sys, STACK_PORT, { backlog: 0 });
    const [a, b] = [0, 1].map((i) => lab.connection(FIRST_CLIENT_PORT + i, STACK_PORT));
    // Both SYNs find room; then a's ACK fills the queue, and b's finds it full.
    await a!.syn();
    await a!.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
    await b!.syn();
    const synAck = await b!.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
    await a!.ack();
    const before = await lab.sys.counters();
    await b!.ack();
    await lab.sleep(5);
    expect(counterChanges(before, await lab.sys.counters())).toMatchObject({ ListenOverflows: 1, ListenDrops: 1 });
    const again = await b!.expect({ flags: SYN | ACK, seq: 0, ack: 1, withinMs: RTO_MS + 10 });
    expect((again.timeUs - synAck.timeUs) / 1000).toBeCloseTo(RTO_MS, 0);
    expect((await lab.sys.accept(listener)).peer.port).toBe(a!.peerPort);
    await b!.ack();
    expect((await lab.sys.accept(listener)).peer.port).toBe(b!.peerPort);
  });

  netTest('connections are accepted in the order their handshakes completed, not the order of their SYNs', async (t) => {
    const lab = openTcpLab(t);
    const listener = await listenOn(lab.sys, STACK_PORT, { backlog: 4 });
    const clients = [0, 1, 2].map((i) => lab.connection(FIRST_CLIENT_PORT + i, STACK_PORT));
    for (const client of clients) {
      await client.syn();
      await client.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
    }
    for (const i of [2, 0, 1]) {
      await clients[i]!.ack();
      await lab.sleep(1);
    }
    const order = [];
    for (let i = 0; i < clients.length; i++) order.push((await lab.sys.accept(listener)).peer.port);
    expect(order).toEqual([2, 0, 1].map((i) => FIRST_CLIENT_PORT + i));
  });
});
