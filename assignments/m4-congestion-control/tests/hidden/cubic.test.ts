/**
 * CUBIC (RFC 9438) beyond the public test's one epoch, graded with it: a second loss, in
 * congestion avoidance, starts a new epoch from the new W_max (§4.2: t counts from the start of
 * the current epoch); a second loss before cwnd has regained the first W_max remembers less
 * (§4.7, fast convergence); and on a path of 20 ms round trip, where the cubic function is slow, cwnd
 * follows the Reno-friendly estimate (§4.3): α ≈ 0.53 segments per round trip until it regains
 * the window of the loss, one after. A failure writes a cwnd plot beside the pcap.
 */
import { netTest } from '../../../../harness/testkit';
import { checkCubicEpoch, checkRenoFriendly } from '../support/cubic-checks';
import { EARLY_SECOND_LOSS, runCubicEpoch, SHORT_RTT, TWO_LOSSES } from '../support/cubic-epoch';
import { withCwndPlot } from '../support/cwnd-plot';

describe('CUBIC', () => {
  netTest('a second loss, in congestion avoidance, starts a new epoch: cwnd follows the cubic function again, from the new W_max', async (t) => {
    const samples = await runCubicEpoch(t, t.stack.createKernel, TWO_LOSSES);
    withCwndPlot(samples, `cwnd of a CUBIC flow, ${TWO_LOSSES.rttMs} ms RTT, two losses`, () => checkCubicEpoch(samples, TWO_LOSSES.rttMs, 2));
  });

  netTest('a second loss before cwnd regains W_max remembers less (fast convergence): the next epoch flattens out at (1 + β)/2 of the window of that loss', async (t) => {
    const samples = await runCubicEpoch(t, t.stack.createKernel, EARLY_SECOND_LOSS);
    withCwndPlot(samples, `cwnd of a CUBIC flow, ${EARLY_SECOND_LOSS.rttMs} ms RTT, a second loss before W_max`, () => checkCubicEpoch(samples, EARLY_SECOND_LOSS.rttMs, 2, true));
  });

  netTest('on a 20 ms round trip, cwnd follows the Reno-friendly estimate: about 0.53 segments per round trip back to the window of the loss, then one', async (t) => {
    const samples = await runCubicEpoch(t, t.stack.createKernel, SHORT_RTT);
    withCwndPlot(samples, `cwnd of a CUBIC flow, ${SHORT_RTT.rttMs} ms RTT, one loss`, () => checkRenoFriendly(samples, SHORT_RTT.rttMs));
  });
});
