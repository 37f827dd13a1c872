/**
 * The edge of the challenge-ACK rate limit (RFC 5961 §7, Linux's tcp_invalid_ratelimit): an ACK
 * is held back only while the last one went out less than 500 ms ago, so an in-window RST
 * arriving 499 ms after the last challenge gets nothing and one arriving 500 ms after it gets
 * the next challenge ACK.
 */
import { netTest, type NetTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import type { PeerConnection } from '../support/peer-connection';
import { openTcpLab, REPLY_MS, type TcpLab } from '../support/tcp-lab';

const STACK_PORT = 8282;
const PEER_PORT = 48100;
const RATE_LIMIT_MS = 500;
/** The link's one-way delay: a RST the peer sends reaches the stack 1 ms later. */
const LINK_MS = 1;

const { ACK } = TcpFlag;

/**
 * An accepted connection that has just sent a challenge ACK; then wait until a RST sent now
 * reaches the stack `afterMs` after that challenge ACK went out. Returns the connection and the
 * sequence number in the window its RSTs use.
 */
async function challengedThenWait(t: NetTest, afterMs: number): Promise<{ lab: TcpLab; conn: PeerConnection; inWindow: number }> {
  const lab = openTcpLab(t);
  const { conn } = await lab.accepted(STACK_PORT, PEER_PORT);
  const inWindow = conn.sndNxt + 1000;
  await conn.rst(inWindow);
  const first = await conn.expect({ flags: ACK });
  // The stack sent its challenge ACK when the RST arrived: one link delay before the peer got it.
  const challengedAtMs = first.timeUs / 1000 - LINK_MS;
  await lab.sleep(challengedAtMs + afterMs - LINK_MS - lab.net.sim.nowMs);
  return { lab, conn, inWindow };
}

describe('challenge ACK rate limit', () => {
  netTest('an in-window RST arriving 499 ms after the last challenge ACK gets none', async (t) => {
    const { lab, conn, inWindow } = await challengedThenWait(t, RATE_LIMIT_MS - 1);
    await conn.rst(inWindow);
    await lab.quiet(REPLY_MS, 'the last challenge ACK went out less than 500 ms before this RST arrived');
  });

  netTest('an in-window RST arriving 500 ms after the last challenge ACK gets the next one', async (t) => {
    const { conn, inWindow } = await challengedThenWait(t, RATE_LIMIT_MS);
    await conn.rst(inWindow);
    await conn.expect({ flags: ACK });
  });
});
