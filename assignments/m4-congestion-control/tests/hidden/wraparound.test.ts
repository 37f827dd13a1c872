/**
 * Recovery when the stack's sequence numbers wrap past 2^32 (a network whose seed puts the stack's
 * ISN just below 2^32: m2's support/wrapping-isn.ts). Segments of 70 bytes put the first
 * segment's end below the wrap and `recover`, the end of the ten sent, past it, under every seed
 * there (RFC 9293 §3.4: sequence numbers compare modulo 2^32):
 * - in NewReno's fast recovery, a stack that compares `recover` with SND.UNA as plain numbers
 *   takes the partial ACK of the first segment for the end of recovery (RFC 6582 §3.2 step 3);
 * - in go-back-N after a timeout, a stack that compares the next byte to resend with the end of
 *   what was sent as plain numbers resends nothing after the first segment's ACK, and waits for
 *   another timeout.
 */
import { expectNamed } from '../../../m2-handshake/tests/support/named-check';
import { wrappingIsn } from '../../../m2-handshake/tests/support/wrapping-isn';
import { bytes, expectData, sender } from '../../../m3-sliding-window/tests/support/sender-lab';
import { netTest, type NetTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';

const { ACK } = TcpFlag;
const MSS = 70;
/** The initial window: all of them in flight at once. */
const SEGMENTS = 10;
/** The stack resends at once; its retransmission timer waits at least 200 ms. */
const AT_ONCE_MS = 20;

/** The stack sends ten segments whose numbers wrap between the first's end and the tenth's; what the test needs of them. */
async function tenSegmentsAcrossTheWrap(t: NetTest) {
  const { seed, below } = wrappingIsn(t.seed);
  const firstEnd = 1 + MSS;
  const recover = 1 + SEGMENTS * MSS;
  // The stack's byte numbered `below` (relative to its ISN) is the first after the wrap.
  if (!(firstEnd < below && below < recover)) throw new Error(`the test needs the wrap between bytes ${firstEnd} and ${recover}; this seed wraps at ${below}`);
  const { lab, conn, fd } = await sender(t, { mss: MSS, seed });
  await lab.sys.send(fd, bytes(SEGMENTS * MSS));
  for (let i = 0; i < SEGMENTS; i++) await expectData(lab, conn, { seq: 1 + i * MSS, length: MSS });
  const congestionState = async (): Promise<string> => (await lab.sys.tcpInfo(fd)).congestionState;
  return { lab, conn, firstEnd, congestionState, wrap: `the numbers wrap at byte ${below}, recover is byte ${recover}` };
}

describe('recovery across 2^32', () => {
  netTest('a partial ACK below 2^32, with recover past it, keeps the sender in fast recovery and resends the next segment at once', async (t) => {
    const { lab, conn, firstEnd, congestionState, wrap } = await tenSegmentsAcrossTheWrap(t);
    // The first two segments are lost: three duplicates of the handshake's ACK resend the first.
    for (let i = 0; i < 3; i++) await conn.send({ flags: ACK, ack: 1 });
    await expectData(lab, conn, { seq: 1, length: MSS });
    // Its ACK is partial: SND.UNA moves to the first segment's end, below the wrap; recover is past it.
    await conn.send({ flags: ACK, ack: firstEnd });
    await expectData(lab, conn, { seq: firstEnd, length: MSS, withinMs: AT_ONCE_MS });
    expectNamed(`the congestion state after the partial ACK of byte ${firstEnd} (${wrap})`, await congestionState(), 'recovery');
  });
});

describe('go-back-N across 2^32', () => {
  netTest('after a timeout, the ACK of the resent segment lets the next two out at once, though they lie past the wrap', async (t) => {
    const { lab, conn, firstEnd, congestionState, wrap } = await tenSegmentsAcrossTheWrap(t);
    // Nothing is acknowledged: the retransmission timer resends the first segment (RTO 200 ms to 1 s).
    await expectData(lab, conn, { seq: 1, length: MSS, withinMs: 1500 });
    // Its ACK takes cwnd from one segment to two: the next two go out at once.
    await conn.send({ flags: ACK, ack: firstEnd });
    await expectData(lab, conn, { seq: firstEnd, length: MSS, withinMs: AT_ONCE_MS });
    await expectData(lab, conn, { seq: firstEnd + MSS, length: MSS, withinMs: AT_ONCE_MS });
    expectNamed(`the congestion state after the ACK of byte ${firstEnd} (${wrap})`, await congestionState(), 'loss');
  });
});
