/**
 * The listener's SYN queue: at most max(backlog, 128) half-open connections wait for their
 * handshake's last ACK; a SYN beyond that is dropped without an answer and counted in ListenDrops
 * alone (the accept queue is not full). A half-open connection that gives up leaves the queue.
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { counterChanges } from '../../../m1-udp/tests/support/counters';
import { expectErrno } from '../../../m1-udp/tests/support/errno';
import { expectNamed } from '../support/named-check';
import type { PeerConnection } from '../support/peer-connection';
import { openTcpLab, type TcpLab } from '../support/tcp-lab';
import { listenOn } from '../support/tcp-sockets';

const STACK_PORT = 8787;
const FIRST_PEER_PORT = 30_000;
/** The SYN queue's least size. */
const SYN_QUEUE_MIN = 128;
/** A half-open connection's SYN-ACK goes out at 0, 1, 3, 7, 15 and 31 s; it is dropped at 63 s. */
const HALF_OPEN_LIFE_MS = 63_000;

const { SYN, ACK } = TcpFlag;

/** `count` half-open connections to the listener, each SYN answered with a SYN-ACK. */
async function halfOpen(lab: TcpLab, count: number): Promise<PeerConnection[]> {
  const conns: PeerConnection[] = [];
  for (let i = 0; i < count; i++) {
    const conn = lab.connection(FIRST_PEER_PORT + i, STACK_PORT);
    await conn.syn();
    await conn.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
    conns.push(conn);
  }
  return conns;
}

/** Take every segment the stack has sent by now (SYN-ACK retransmissions), so that the next one is fresh. */
async function drain(lab: TcpLab): Promise<void> {
  while (await lab.net.peer.next(1)) {
    /* taken */
  }
}

describe('the SYN queue', () => {
  netTest('with backlog 8 it holds 128 half-open connections: the 129th SYN is dropped without an answer, counted in ListenDrops alone', async (t) => {
    const lab = openTcpLab(t);
    await listenOn(lab.sys, STACK_PORT, { backlog: 8 });
    await halfOpen(lab, SYN_QUEUE_MIN);
    const before = await lab.sys.counters();
    await lab.connection(FIRST_PEER_PORT + SYN_QUEUE_MIN, STACK_PORT).syn();
    await lab.quiet(100, 'the SYN queue is full: the SYN is dropped');
    const changes = counterChanges(before, await lab.sys.counters());
    expectNamed('[ListenDrops, ListenOverflows] for the dropped SYN', [changes.ListenDrops ?? 0, changes.ListenOverflows ?? 0], [1, 0]);
  });

  netTest('with backlog 200 it holds 200 half-open connections, not 128', async (t) => {
    const lab = openTcpLab(t);
    await listenOn(lab.sys, STACK_PORT, { backlog: 200 });
    await halfOpen(lab, 200);
    const conn = lab.connection(FIRST_PEER_PORT + 200, STACK_PORT);
    await conn.syn();
    await lab.quiet(100, 'the SYN queue of backlog 200 is full: the SYN is dropped');
  });

  netTest('half-open connections that give up leave it: after 63 s a new SYN is answered', async (t) => {
    const lab = openTcpLab(t);
    await listenOn(lab.sys, STACK_PORT, { backlog: 8 });
    await halfOpen(lab, SYN_QUEUE_MIN);
    await lab.sleep(HALF_OPEN_LIFE_MS + 1000);
    await drain(lab);
    const conn = lab.connection(FIRST_PEER_PORT + SYN_QUEUE_MIN, STACK_PORT);
    await conn.syn();
    await conn.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
  });
});

describe('listen, its backlog', () => {
  netTest('a backlog that is not an integer fails with EINVAL', async (t) => {
    const lab = openTcpLab(t);
    const fd = await lab.sys.socket('tcp');
    await expectErrno(lab.sys.listen(fd, 1.5), 'EINVAL', 'listen with backlog 1.5');
  });
});
