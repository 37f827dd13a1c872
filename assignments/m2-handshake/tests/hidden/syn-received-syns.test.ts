/**
 * SYNs that reach a connection once it has the peer's SYN: only the client's SYN repeated (its
 * ISN, no ACK) in a listener's SYN_RECEIVED brings the SYN-ACK again, counted as a
 * retransmission. Any other SYN gets a challenge ACK (RFC 5961 §4): a SYN-ACK with the client's
 * ISN, a SYN at another sequence number, the client's late SYN once the handshake is done, and
 * in a simultaneous open a SYN-ACK that does not acknowledge our SYN.
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { counterChanges } from '../../../m1-udp/tests/support/counters';
import { expectErrno } from '../../../m1-udp/tests/support/errno';
import { expectNamed } from '../support/named-check';
import { crossedSyns } from '../support/simultaneous-open';
import { openTcpLab } from '../support/tcp-lab';
import { listenOn, stateOf } from '../support/tcp-sockets';

const STACK_PORT = 8686;
const PEER_PORT = 45600;

const { SYN, ACK } = TcpFlag;

describe('SYNs in SYN_RECEIVED and after', () => {
  netTest('a SYN-ACK carrying the client’s ISN gets a challenge ACK, not the SYN-ACK again, and the connection stays half-open', async (t) => {
    const lab = openTcpLab(t);
    const listener = await listenOn(lab.sys, STACK_PORT);
    const conn = lab.connection(PEER_PORT, STACK_PORT);
    await conn.syn();
    await conn.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
    // It acknowledges our SYN-ACK, but a SYN is never the handshake's last step: challenge ACK, drop.
    await conn.send({ flags: SYN | ACK, seq: 0, ack: 1 });
    await conn.expect({ flags: ACK, seq: 1, ack: 1 });
    await lab.quiet(100, 'the SYN-ACK was dropped after its challenge ACK');
    lab.sys.fcntl(listener, 'O_NONBLOCK');
    await expectErrno(lab.sys.accept(listener), 'EAGAIN', 'accept after the SYN-ACK (the handshake is not complete)');
    // The real final ACK completes it.
    await conn.ack();
    await lab.sleep(10);
    await lab.sys.accept(listener);
  });

  netTest('a SYN at another sequence number than the client’s ISN gets a challenge ACK, not the SYN-ACK again', async (t) => {
    const lab = openTcpLab(t);
    await listenOn(lab.sys, STACK_PORT);
    const conn = lab.connection(PEER_PORT, STACK_PORT);
    await conn.syn();
    await conn.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
    // In the window, but not the client's SYN repeated: RFC 5961 §4's challenge ACK.
    await conn.send({ flags: SYN, seq: 100 });
    await conn.expect({ flags: ACK, seq: 1, ack: 1 });
    await lab.quiet(100, 'the SYN was dropped after its challenge ACK');
  });

  netTest('the client’s repeated SYN brings the SYN-ACK again, counted in TcpRetransSegs and in the connection’s retransmits', async (t) => {
    const lab = openTcpLab(t);
    const listener = await listenOn(lab.sys, STACK_PORT);
    const conn = lab.connection(PEER_PORT, STACK_PORT);
    const before = await lab.sys.counters();
    await conn.syn();
    await conn.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
    await conn.syn();
    await conn.expect({ flags: SYN | ACK, seq: 0, ack: 1 });
    const changes = counterChanges(before, await lab.sys.counters());
    expectNamed('TcpOutSegs and TcpRetransSegs after a SYN-ACK and its repetition', [changes.TcpOutSegs ?? 0, changes.TcpRetransSegs ?? 0], [1, 1]);
    await conn.ack();
    const { fd } = await lab.sys.accept(listener);
    expectNamed('tcpInfo retransmits of the accepted connection', (await lab.sys.tcpInfo(fd)).retransmits, 1);
  });

  netTest('a connection waiting in the accept queue answers the client’s late SYN (its ISN again) with an ACK, not the SYN-ACK', async (t) => {
    const lab = openTcpLab(t);
    const listener = await listenOn(lab.sys, STACK_PORT);
    const conn = lab.connection(PEER_PORT, STACK_PORT);
    await conn.open();
    await lab.sleep(10);
    // The handshake is over (ESTABLISHED, not accepted yet): an old SYN is outside the window.
    await conn.send({ flags: SYN, seq: 0 });
    await conn.expect({ flags: ACK, seq: 1, ack: 1 });
    await lab.quiet(100, 'the old SYN was dropped after its ACK');
    const { fd } = await lab.sys.accept(listener);
    expectNamed('the state of the accepted connection', await stateOf(lab.sys, fd), 'ESTABLISHED');
  });

  netTest('in a simultaneous open, a SYN-ACK that does not acknowledge our SYN gets a challenge ACK and the connection stays in SYN_RECEIVED', async (t) => {
    const lab = openTcpLab(t);
    const { fd, conn } = await crossedSyns(lab, STACK_PORT, PEER_PORT);
    // The peer's SYN again, with an ACK of something we never sent: a SYN, so a challenge ACK.
    await conn.send({ flags: SYN | ACK, seq: 0, ack: 1000 });
    await conn.expect({ flags: ACK, seq: 1, ack: 1 });
    expectNamed('the state after the SYN-ACK of another number', await stateOf(lab.sys, fd), 'SYN_RECEIVED');
    // The SYN-ACK that does acknowledge our SYN completes the handshake.
    await conn.send({ flags: SYN | ACK, seq: 0, ack: 1 });
    await conn.expect({ flags: ACK, seq: 1, ack: 1 });
    expectNamed('the state once our SYN is acknowledged', await stateOf(lab.sys, fd), 'ESTABLISHED');
  });
});
