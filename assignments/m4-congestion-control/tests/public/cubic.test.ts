/**
 * CUBIC (RFC 9438), the optional extra of this milestone, graded on its own: a flow of your stack
 * with TCP_CONGESTION "cubic" to the reference over a path of 300 ms round trip and 536-byte
 * segments, one data segment lost in slow start. After the loss ssthresh must be 0.7 of the flight,
 * and cwnd must follow W_cubic(t) = 0.4·(t − K)³ + W_max within 10% of W_max, from two round trips
 * after recovery to 2.5 s past K. A failure writes a cwnd plot beside the pcap.
 */
import { netTest } from '../../../../harness/testkit';
import { checkCubicEpoch } from '../support/cubic-checks';
import { CUBIC_RTT_MS, runCubicEpoch } from '../support/cubic-epoch';
import { withCwndPlot } from '../support/cwnd-plot';

describe('CUBIC', () => {
  netTest('after one loss, ssthresh is 0.7 of the flight and cwnd follows the cubic function: concave up to W_max, convex past it', async (t) => {
    const samples = await runCubicEpoch(t, t.stack.createKernel);
    withCwndPlot(samples, `cwnd of a CUBIC flow, ${CUBIC_RTT_MS} ms RTT, one loss`, () => checkCubicEpoch(samples, CUBIC_RTT_MS));
  });
});
