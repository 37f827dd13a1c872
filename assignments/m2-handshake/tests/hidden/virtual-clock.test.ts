/**
 * Time in a stack is env.now() only. A stack that reads the wall clock (Date.now(),
 * performance.now()) for a timer or a rate limit must fail here whatever the machine's load, so
 * each test first lets 50 minutes of virtual time pass in no real time: the virtual clock is then
 * far from Date.now() (decades away) and from performance.now() (the seconds the process has run),
 * and every timer is checked at its exact virtual time.
 *
 * A rate limit read from the wall clock would pass a single check on a slow enough machine (half
 * a second of real time between two segments); the last test makes it pass forty in a row, which
 * would take twenty seconds of real time: longer than the test may run.
 */
import { netTest, type NetTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import type { StackSegment } from '../support/stack-segment';
import { expectNamed } from '../support/named-check';
import { openTcpLab, type TcpLab } from '../support/tcp-lab';
import { startConnect, stateOf } from '../support/tcp-sockets';

const STACK_PORT = 8080;
const PEER_PORT = 5000;
/** Virtual time let pass before each test: far from any wall clock, with room left in the run's hour. */
const OFFSET_MS = 50 * 60_000;
/** When an unanswered SYN is sent again, after the first (backoff from 1 s), and when connect gives up. */
const SYN_GAPS_MS = [1000, 2000, 4000, 8000, 16_000, 32_000];
const SYN_TIMEOUT_MS = 127_000;
const TIME_WAIT_MS = 60_000;
/** One challenge ACK per this much time (the handout's rate limit). */
const RATE_LIMIT_MS = 500;
/** Challenge ACKs the last test asks for, each RATE_LIMIT_MS after the last: 20 s of real time for a wall-clock limit. */
const CHALLENGES = 41;
/** The last test's limit, in real time: what CHALLENGES answers would take a wall-clock rate limit. */
const CHALLENGES_TEST_TIMEOUT_MS = (CHALLENGES - 1) * RATE_LIMIT_MS;
/** A margin around a deadline checked by state: the harness is 1 ms away. */
const MARGIN_MS = 10;

const { SYN, ACK, FIN } = TcpFlag;

/** Virtual time now, in ms. */
function nowMs(lab: TcpLab): number {
  return lab.net.sim.nowMs;
}

/** A bench whose virtual clock already reads 50 minutes. */
async function farFromWallClock(t: NetTest): Promise<TcpLab> {
  const lab = openTcpLab(t);
  await lab.sleep(OFFSET_MS);
  return lab;
}

describe('timers on the virtual clock, 50 minutes into a run that took no real time', () => {
  netTest('an unanswered SYN is sent again 1, 2, 4, 8, 16 and 32 s apart, and connect fails with ETIMEDOUT 127 s after it began', async (t) => {
    const lab = await farFromWallClock(t);
    const fd = await startConnect(lab.sys, { address: lab.peerAddress, port: PEER_PORT });
    const began = nowMs(lab);
    const conn = lab.connection(PEER_PORT, (await lab.sys.getsockname(fd)).port);
    const syns: StackSegment[] = [await conn.expect({ flags: SYN, seq: 0 })];
    for (const gap of SYN_GAPS_MS) syns.push(await conn.expect({ flags: SYN, seq: 0, withinMs: gap + MARGIN_MS }));
    const gaps = syns.slice(1).map((syn, i) => (syn.timeUs - syns[i]!.timeUs) / 1000);
    expectNamed('the virtual ms between one SYN and the next', gaps, SYN_GAPS_MS);
    await lab.sleep(began + SYN_TIMEOUT_MS - MARGIN_MS - nowMs(lab));
    expectNamed('the state 10 ms before the 127 s', await stateOf(lab.sys, fd), 'SYN_SENT');
    await lab.sleep(2 * MARGIN_MS);
    expectNamed('the state 10 ms after the 127 s', await stateOf(lab.sys, fd), 'CLOSED');
    expectNamed('SO_ERROR (110: ETIMEDOUT)', await lab.sys.getsockopt(fd, 'SO_ERROR'), 110);
  });

  netTest('TIME_WAIT ends 60 s of virtual time after it began', async (t) => {
    const lab = await farFromWallClock(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await lab.sys.shutdown(fd, 'wr');
    await conn.expect({ flags: FIN | ACK });
    await conn.fin();
    await conn.expect({ flags: ACK });
    const began = nowMs(lab);
    expectNamed('the state after the last ACK', await stateOf(lab.sys, fd), 'TIME_WAIT');
    await lab.sleep(began + TIME_WAIT_MS - MARGIN_MS - nowMs(lab));
    expectNamed('the state 10 ms before the 60 s', await stateOf(lab.sys, fd), 'TIME_WAIT');
    await lab.sleep(2 * MARGIN_MS);
    expectNamed('the state 10 ms after the 60 s', await stateOf(lab.sys, fd), 'CLOSED');
  });

  netTest(
    `challenge ACKs follow virtual time: ${CHALLENGES} in-window RSTs 600 ms apart get one each, a RST 100 ms after each gets none`,
    async (t) => {
      const lab = await farFromWallClock(t);
      const { conn } = await lab.accepted(STACK_PORT, PEER_PORT);
      const inWindow = conn.sndNxt + 1000;
      for (let i = 0; i < CHALLENGES; i++) {
        await conn.rst(inWindow);
        await conn.expect({ flags: ACK });
        await lab.sleep(100);
        await conn.rst(inWindow);
        await lab.quiet(RATE_LIMIT_MS - 100 - MARGIN_MS, 'a challenge ACK went out less than 500 ms ago');
        await lab.sleep(600 - RATE_LIMIT_MS + MARGIN_MS);
      }
    },
    CHALLENGES_TEST_TIMEOUT_MS,
  );
});
