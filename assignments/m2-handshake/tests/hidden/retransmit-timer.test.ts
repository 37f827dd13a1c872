/**
 * The retransmission timer beyond the handshake's first steps: it runs from the oldest
 * unacknowledged segment (a later segment does not restart it, RFC 6298 §5.1), and the handshake's
 * completion ends the SYN's backoff. The RTO is the one the stack reports in tcpInfo: 1 s in this
 * milestone, measured from round trips from milestone 3 on.
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { expectNamed } from '../support/named-check';
import type { StackSegment } from '../support/stack-segment';
import { openTcpLab } from '../support/tcp-lab';
import { rtoOf, startConnect } from '../support/tcp-sockets';

const STACK_PORT = 8080;
const PEER_PORT = 5000;
/** The initial RTO. */
const RTO_MS = 1000;
/** RFC 6298 §5.7: the RTO once data flows after a handshake whose SYN was retransmitted (milestone 3; this milestone keeps 1 s). */
const FALLBACK_RTO_MS = 3000;

const { SYN, ACK, PSH, FIN } = TcpFlag;

/** The gaps between `segments`, in whole ms. */
const gapsMs = (segments: readonly StackSegment[]): number[] => segments.slice(1).map((segment, i) => Math.round((segment.timeUs - segments[i]!.timeUs) / 1000));

describe('the retransmission timer', () => {
  netTest('a second data segment sent while the first is unacknowledged does not restart the timer: the first is resent one RTO after it was sent', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    // So that the second small segment goes out at once (from milestone 3 on, Nagle's algorithm would hold it).
    await lab.sys.setsockopt(fd, 'TCP_NODELAY', true);
    const rto = await rtoOf(lab.sys, fd);
    await lab.sys.send(fd, new Uint8Array(10).fill(1));
    const first = await conn.expect({ flags: PSH | ACK, seq: 1, length: 10 });
    await lab.sleep(rto / 2);
    await lab.sys.send(fd, new Uint8Array(10).fill(2));
    await conn.expect({ flags: PSH | ACK, seq: 11, length: 10, withinMs: rto });
    // Neither is acknowledged: the oldest (here both, as one segment) is resent one RTO after the first went out.
    const resent = await conn.expect({ flags: PSH | ACK, seq: 1, length: 20, withinMs: rto });
    expectNamed('ms from the first data segment to its retransmission (one RTO, as tcpInfo reports it)', gapsMs([first, resent]), [rto]);
  });

  netTest('after a retransmitted SYN, the handshake ends the backoff: an unacknowledged FIN is resent 1 s later (3 s by RFC 6298 §5.7 once round trips are measured)', async (t) => {
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
    const rto = await rtoOf(lab.sys, fd);
    if (rto !== RTO_MS && rto !== FALLBACK_RTO_MS) throw new Error(`tcpInfo(fd).rto after a handshake with a retransmitted SYN is ${rto} ms, expected ${RTO_MS} or ${FALLBACK_RTO_MS}`);
    const resent = await conn.expect({ flags: FIN | ACK, seq: 1, withinMs: rto + 10 });
    expectNamed('ms from the FIN to its retransmission', gapsMs([fin, resent]), [rto]);
  });
});
