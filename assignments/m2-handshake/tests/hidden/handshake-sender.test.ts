/**
 * The sending side while a connect's handshake runs: send is EAGAIN in SYN_RECEIVED too (a
 * simultaneous open), tcpInfo's bytesInFlight leaves out the unacknowledged SYN (it counts data
 * bytes only, as the contract says) and its retransmits count a SYN sent again; and in SYN_SENT
 * an ACK of our SYN without a SYN of the peer is dropped (RFC 9293 §3.10.7.3: "If neither of the
 * SYN or RST bits is set, then drop the segment and return").
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { bytesOf } from '../../../m1-udp/tests/support/bytes';
import { expectErrno } from '../../../m1-udp/tests/support/errno';
import { expectNamed } from '../support/named-check';
import { crossedSyns } from '../support/simultaneous-open';
import { openTcpLab } from '../support/tcp-lab';
import { startConnect, stateOf } from '../support/tcp-sockets';

const STACK_PORT = 8383;
const PEER_PORT = 46000;
/** The initial RTO: the SYN is sent again 1 s after the first. */
const RTO_MS = 1000;
/** Long enough for any answer, short of the SYN's retransmission at 1 s. */
const QUIET_MS = 100;

const { SYN, ACK } = TcpFlag;

describe('the sending side during the handshake', () => {
  netTest('SYN_SENT: no data in flight, and a retransmitted SYN counts in tcpInfo retransmits', async (t) => {
    const lab = openTcpLab(t);
    const fd = await startConnect(lab.sys, { address: lab.peerAddress, port: PEER_PORT });
    const conn = lab.connection(PEER_PORT, (await lab.sys.getsockname(fd)).port);
    await conn.expect({ flags: SYN, seq: 0 });
    const info = await lab.sys.tcpInfo(fd);
    expectNamed('[state, bytesInFlight, retransmits] after the SYN', [info.state, info.bytesInFlight, info.retransmits], ['SYN_SENT', 0, 0]);
    await conn.expect({ flags: SYN, seq: 0, withinMs: RTO_MS + 10 });
    const again = await lab.sys.tcpInfo(fd);
    expectNamed('[bytesInFlight, retransmits] after the SYN was sent again', [again.bytesInFlight, again.retransmits], [0, 1]);
  });

  netTest('SYN_RECEIVED of a simultaneous open: send is EAGAIN, and no data is in flight', async (t) => {
    const lab = openTcpLab(t);
    const { fd } = await crossedSyns(lab, STACK_PORT, PEER_PORT);
    const info = await lab.sys.tcpInfo(fd);
    expectNamed('[state, bytesInFlight] after the crossing SYN', [info.state, info.bytesInFlight], ['SYN_RECEIVED', 0]);
    lab.sys.fcntl(fd, 'O_NONBLOCK');
    await expectErrno(lab.sys.send(fd, bytesOf('early')), 'EAGAIN', 'send in SYN_RECEIVED');
    await lab.quiet(QUIET_MS, 'send in SYN_RECEIVED sends nothing');
  });

  netTest('SYN_SENT: an ACK of our SYN without the SYN bit is dropped silently; the SYN-ACK that follows completes the handshake', async (t) => {
    const lab = openTcpLab(t);
    const fd = await startConnect(lab.sys, { address: lab.peerAddress, port: PEER_PORT });
    const conn = lab.connection(PEER_PORT, (await lab.sys.getsockname(fd)).port);
    await conn.expect({ flags: SYN, seq: 0 });
    await conn.send({ flags: ACK, seq: 0, ack: 1 });
    await lab.quiet(QUIET_MS, 'an acceptable ACK without SYN in SYN_SENT is dropped');
    expectNamed('state after an ACK without SYN', await stateOf(lab.sys, fd), 'SYN_SENT');
    await conn.send({ flags: SYN | ACK, seq: 0, ack: 1, options: [{ kind: 'mss', value: 1460 }] });
    conn.sndNxt = 1;
    await conn.expect({ flags: ACK, seq: 1, ack: 1 });
    expectNamed('state after the SYN-ACK', await stateOf(lab.sys, fd), 'ESTABLISHED');
  });
});
