/**
 * The kernel's timers across connections and over the long run: with two connections' timers
 * running, each fires at its own deadline (the kernel's next deadline is the earliest of all,
 * whichever connection started its timer first); and the retransmission of an unacknowledged
 * FIN does not go on forever: after a number of tries the connection gives up.
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { expectNamed } from '../support/named-check';
import type { PeerConnection } from '../support/peer-connection';
import { openTcpLab, type TcpLab } from '../support/tcp-lab';
import { startConnect, stateOf } from '../support/tcp-sockets';

const STACK_PORT = 8989;
const PEER_PORT = 45900;
/** The initial RTO. */
const RTO_MS = 1000;
/** Long past any retry limit with the RTO capped at 120 s (Linux's tcp_retries2 of 15 takes about 20 minutes). */
const GIVE_UP_BY_MS = 40 * 60_000;

const { SYN, ACK, FIN } = TcpFlag;

async function connectTo(lab: TcpLab, peerPort: number): Promise<PeerConnection> {
  const fd = await startConnect(lab.sys, { address: lab.peerAddress, port: peerPort });
  return lab.connection(peerPort, (await lab.sys.getsockname(fd)).port);
}

describe('timers of several connections, and giving up', () => {
  netTest('two connects 500 ms apart: each SYN is resent 1 s and 3 s after its own first, whichever started first', async (t) => {
    const lab = openTcpLab(t);
    const first = await connectTo(lab, PEER_PORT);
    const a0 = await first.expect({ flags: SYN, seq: 0 });
    await lab.sleep(RTO_MS / 2 - 1);
    const second = await connectTo(lab, PEER_PORT + 1);
    const b0 = await second.expect({ flags: SYN, seq: 0 });
    const a1 = await first.expect({ flags: SYN, seq: 0, withinMs: RTO_MS });
    const b1 = await second.expect({ flags: SYN, seq: 0, withinMs: RTO_MS });
    const a2 = await first.expect({ flags: SYN, seq: 0, withinMs: 2 * RTO_MS });
    const b2 = await second.expect({ flags: SYN, seq: 0, withinMs: RTO_MS });
    const ms = (later: { timeUs: number }, earlier: { timeUs: number }): number => Math.round((later.timeUs - earlier.timeUs) / 1000);
    expectNamed('ms from the first connection’s SYN to its retransmissions', [ms(a1, a0), ms(a2, a0)], [RTO_MS, 3 * RTO_MS]);
    expectNamed('ms from the second connection’s SYN to its retransmissions', [ms(b1, b0), ms(b2, b0)], [RTO_MS, 3 * RTO_MS]);
  });

  netTest('an unacknowledged FIN is not resent forever: the connection gives up and is CLOSED within 40 minutes', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await lab.sys.shutdown(fd, 'wr');
    await conn.expect({ flags: FIN | ACK, seq: 1 });
    await conn.expect({ flags: FIN | ACK, seq: 1, withinMs: RTO_MS + 10 });
    // The peer never answers.
    await lab.sleep(GIVE_UP_BY_MS);
    expectNamed('the state 40 minutes after the FIN', await stateOf(lab.sys, fd), 'CLOSED');
  });
});
