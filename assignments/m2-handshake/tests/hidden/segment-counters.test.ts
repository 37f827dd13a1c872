/**
 * The counters of segments sent (RFC 4022's tcpOutSegs and tcpRetransSegs, Linux's OutSegs and
 * RetransSegs): every segment sent for the first time counts in TcpOutSegs, a RST too (with
 * TcpOutRsts); a segment sent again counts in TcpRetransSegs only.
 */
import type { CounterName, Counters } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { counterChanges } from '../../../m1-udp/tests/support/counters';
import { expectNamed } from '../support/named-check';
import type { TcpLab } from '../support/tcp-lab';
import { openTcpLab } from '../support/tcp-lab';
import { listenOn, startConnect } from '../support/tcp-sockets';

const STACK_PORT = 8080;
const PEER_PORT = 5000;
/** The initial RTO: the first retransmission comes this long after the original. */
const RTO_MS = 1000;

const { SYN, ACK, PSH, RST } = TcpFlag;

const SENT: readonly CounterName[] = ['TcpOutSegs', 'TcpRetransSegs', 'TcpOutRsts'];

/** How TcpOutSegs, TcpRetransSegs and TcpOutRsts moved since `before` (all three, zeros included). */
async function sentSince(lab: TcpLab, before: Counters): Promise<Record<string, number>> {
  const changes = counterChanges(before, await lab.sys.counters());
  return Object.fromEntries(SENT.map((name) => [name, changes[name] ?? 0]));
}

describe('counters of segments sent', () => {
  netTest("a connect's SYN counts in TcpOutSegs, each retransmission of it in TcpRetransSegs only", async (t) => {
    const lab = openTcpLab(t);
    const before = await lab.sys.counters();
    const fd = await startConnect(lab.sys, { address: lab.peerAddress, port: PEER_PORT });
    const conn = lab.connection(PEER_PORT, (await lab.sys.getsockname(fd)).port);
    await conn.expect({ flags: SYN, seq: 0 });
    expectNamed('the counters after the first SYN', await sentSince(lab, before), { TcpOutSegs: 1, TcpRetransSegs: 0, TcpOutRsts: 0 });
    await conn.expect({ flags: SYN, seq: 0, withinMs: RTO_MS + 10 });
    await conn.expect({ flags: SYN, seq: 0, withinMs: 2 * RTO_MS + 10 });
    expectNamed('the counters after the SYN and two retransmissions', await sentSince(lab, before), { TcpOutSegs: 1, TcpRetransSegs: 2, TcpOutRsts: 0 });
  });

  netTest('a SYN-ACK, an ACK and data each count once in TcpOutSegs, nothing in TcpRetransSegs', async (t) => {
    const lab = openTcpLab(t);
    const listener = await listenOn(lab.sys, STACK_PORT);
    const conn = lab.connection(PEER_PORT, STACK_PORT);
    const before = await lab.sys.counters();
    await conn.open();
    const { fd } = await lab.sys.accept(listener);
    await conn.push(new Uint8Array(10).fill(7));
    await conn.expect({ flags: ACK });
    await lab.sys.send(fd, new Uint8Array(20).fill(9));
    await conn.expect({ flags: PSH | ACK, length: 20 });
    expectNamed('the counters after SYN-ACK, ACK and a data segment', await sentSince(lab, before), { TcpOutSegs: 3, TcpRetransSegs: 0, TcpOutRsts: 0 });
  });

  netTest('a RST to a closed port counts in TcpOutSegs and TcpOutRsts, not in TcpRetransSegs', async (t) => {
    const lab = openTcpLab(t);
    const conn = lab.connection(PEER_PORT, STACK_PORT);
    const before = await lab.sys.counters();
    await conn.syn();
    await conn.expect({ flags: RST | ACK, seq: 0, ack: 1 });
    expectNamed('the counters after the RST', await sentSince(lab, before), { TcpOutSegs: 1, TcpRetransSegs: 0, TcpOutRsts: 1 });
  });
});
