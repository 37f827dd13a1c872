/**
 * The retransmission timer beyond the handshake's first steps: it runs from the oldest
 * unacknowledged segment (a later segment does not restart it, RFC 6298 §5.1), and the handshake's
 * completion brings a backed-off RTO back to 1 s.
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { expectNamed } from '../support/named-check';
import type { StackSegment } from '../support/stack-segment';
import { openTcpLab } from '../support/tcp-lab';
import { startConnect } from '../support/tcp-sockets';

const STACK_PORT = 8080;
const PEER_PORT = 5000;
/** The initial RTO. */
const RTO_MS = 1000;

const { SYN, ACK, PSH, FIN } = TcpFlag;

/** The gaps between `segments`, in whole ms. */
const gapsMs = (segments: readonly StackSegment[]): number[] => segments.slice(1).map((segment, i) => Math.round((segment.timeUs - segments[i]!.timeUs) / 1000));

describe('the retransmission timer', () => {
  netTest('a second data segment sent while the first is unacknowledged does not restart the timer: the first is resent 1 s after it was sent', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await lab.sys.send(fd, new Uint8Array(10).fill(1));
    const first = await conn.expect({ flags: PSH | ACK, seq: 1, length: 10 });
    await lab.sleep(RTO_MS / 2);
    await lab.sys.send(fd, new Uint8Array(10).fill(2));
    await conn.expect({ flags: PSH | ACK, seq: 11, length: 10 });
    // Neither is acknowledged: the oldest (here both, as one segment) is resent one RTO after the first went out.
    const resent = await conn.expect({ flags: PSH | ACK, seq: 1, length: 20, withinMs: RTO_MS });
    expectNamed('ms from the first data segment to its retransmission', gapsMs([first, resent]), [RTO_MS]);
  });

  netTest('after a retransmitted SYN, the handshake brings the RTO back to 1 s: an unacknowledged FIN is resent 1 s later', async (t) => {
    const lab = openTcpLab(t);
    const fd = await startConnect(lab.sys, { address: lab.peerAddress, port: PEER_PORT });
    const conn = lab.connection(PEER_PORT, (await lab.sys.getsockname(fd)).port);
    // The peer ignores the first SYN (as if it were lost) and answers the second, sent with RTO 2 s running.
    await conn.expect({ flags: SYN, seq: 0 });
    await conn.expect({ flags: SYN, seq: 0, withinMs: RTO_MS + 10 });
    await conn.send({ flags: SYN | ACK, seq: 0 });
    conn.sndNxt = 1;
    await conn.expect({ flags: ACK, seq: 1, ack: 1 });
    await lab.sys.shutdown(fd, 'wr');
    const fin = await conn.expect({ flags: FIN | ACK, seq: 1 });
    const resent = await conn.expect({ flags: FIN | ACK, seq: 1, withinMs: 3 * RTO_MS });
    expectNamed('ms from the FIN to its retransmission', gapsMs([fin, resent]), [RTO_MS]);
  });
});
