/**
 * The input path before any state: every segment counts in TcpInSegs, a malformed one in
 * TcpInErrs and only a bad checksum in TcpInCsumErrors; and a new SYN for a 4-tuple in TIME_WAIT
 * reopens it only when a listener can take it (without one, TIME_WAIT answers it with an ACK,
 * as RFC 5961 answers any SYN and as Linux's tcp_v4_rcv does for TCP_TW_SYN).
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { counterChanges } from '../../../m1-udp/tests/support/counters';
import { truncatedTcp, withBadChecksum } from '../support/crafted';
import { expectNamed } from '../support/named-check';
import { openTcpLab } from '../support/tcp-lab';
import { startConnect, stateOf } from '../support/tcp-sockets';

const STACK_PORT = 8383;
const PEER_PORT = 45300;

const { SYN, ACK, FIN } = TcpFlag;

describe('the input path', () => {
  netTest('TcpInSegs counts every segment, malformed ones too; TcpInCsumErrors only the bad checksum', async (t) => {
    const lab = openTcpLab(t);
    const { conn } = await lab.accepted(STACK_PORT, PEER_PORT);
    const before = await lab.sys.counters();
    await conn.ack();
    await lab.send(truncatedTcp(conn.build({ flags: ACK }), 12));
    await lab.send(withBadChecksum(conn.build({ flags: ACK })));
    await lab.quiet(50, 'a duplicate ACK and two malformed segments get no answer');
    const changes = counterChanges(before, await lab.sys.counters());
    expectNamed(
      'the input counters after a good, a 12-byte and a bad-checksum segment',
      { TcpInSegs: changes.TcpInSegs ?? 0, TcpInErrs: changes.TcpInErrs ?? 0, TcpInCsumErrors: changes.TcpInCsumErrors ?? 0 },
      { TcpInSegs: 3, TcpInErrs: 2, TcpInCsumErrors: 1 },
    );
  });

  netTest('a new SYN for a 4-tuple in TIME_WAIT with no listener on the port gets an ACK, and TIME_WAIT goes on', async (t) => {
    const lab = openTcpLab(t);
    // The stack's own connect closes first, so the TIME_WAIT is on a port nobody listens on.
    const fd = await startConnect(lab.sys, { address: lab.peerAddress, port: PEER_PORT });
    const conn = lab.connection(PEER_PORT, (await lab.sys.getsockname(fd)).port);
    await conn.answer();
    await lab.sys.shutdown(fd, 'wr');
    await conn.expect({ flags: FIN | ACK, seq: 1 });
    await conn.fin();
    await conn.expect({ flags: ACK, seq: 2 });
    expectNamed('the state after both FINs', await stateOf(lab.sys, fd), 'TIME_WAIT');
    await lab.sleep(1000);
    // Beyond every sequence number the old connection used: a listener would take it, but there is none.
    await conn.send({ flags: SYN, seq: conn.sndNxt + 100_000, options: [{ kind: 'mss', value: 1460 }] });
    await conn.expect({ flags: ACK, seq: 2, ack: 2 });
    expectNamed('the state after the SYN', await stateOf(lab.sys, fd), 'TIME_WAIT');
  });
});
