/**
 * SYN_SENT at its edges (RFC 9293 §3.10.7.3): an ACK must acknowledge the SYN, so SEG.ACK = ISS
 * (nothing of ours acknowledged) is as bad as one beyond SND.NXT and is answered with a RST; and
 * a RST counts only with an acceptable ACK, so a bare RST is ignored.
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import type { PeerConnection } from '../support/peer-connection';
import { expectNamed } from '../support/named-check';
import { openTcpLab } from '../support/tcp-lab';
import { startConnect, stateOf } from '../support/tcp-sockets';

const PEER_PORT = 7070;
/** Long enough for any answer, short of the SYN's retransmission at 1 s. */
const QUIET_MS = 100;

const { SYN, ACK, RST } = TcpFlag;

/** The peer's real SYN-ACK, and the stack's ACK of it. */
async function completeHandshake(conn: PeerConnection): Promise<void> {
  await conn.send({ flags: SYN | ACK, seq: 0, ack: 1, options: [{ kind: 'mss', value: 1460 }] });
  conn.sndNxt = 1;
  await conn.expect({ flags: ACK, seq: 1, ack: 1 });
}

describe('SYN_SENT, edges', () => {
  netTest('an ACK of the ISS itself acknowledges nothing of the SYN: answered with RST at that number, still SYN_SENT', async (t) => {
    const lab = openTcpLab(t);
    const fd = await startConnect(lab.sys, { address: lab.peerAddress, port: PEER_PORT });
    const conn = lab.connection(PEER_PORT, (await lab.sys.getsockname(fd)).port);
    await conn.expect({ flags: SYN, seq: 0 });
    // ack 0 relative to the stack's ISN: SEG.ACK = ISS.
    await conn.send({ flags: SYN | ACK, seq: 0, ack: 0, options: [{ kind: 'mss', value: 1460 }] });
    await conn.expect({ flags: RST, seq: 0 });
    expectNamed('state after a SYN-ACK acknowledging the ISS', await stateOf(lab.sys, fd), 'SYN_SENT');
    await lab.quiet(QUIET_MS, 'the bad SYN-ACK was answered by the RST alone');
    await completeHandshake(conn);
    expectNamed('state after the real SYN-ACK', await stateOf(lab.sys, fd), 'ESTABLISHED');
  });

  netTest('a RST without ACK is ignored: the SYN-ACK that follows completes the handshake', async (t) => {
    const lab = openTcpLab(t);
    const fd = await startConnect(lab.sys, { address: lab.peerAddress, port: PEER_PORT });
    const conn = lab.connection(PEER_PORT, (await lab.sys.getsockname(fd)).port);
    await conn.expect({ flags: SYN, seq: 0 });
    await conn.send({ flags: RST, seq: 0 });
    await lab.quiet(QUIET_MS, 'a RST is never answered');
    expectNamed('state after a RST without ACK', await stateOf(lab.sys, fd), 'SYN_SENT');
    await completeHandshake(conn);
    expectNamed('state after the SYN-ACK', await stateOf(lab.sys, fd), 'ESTABLISHED');
  });
});
