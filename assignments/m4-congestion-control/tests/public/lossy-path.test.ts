/**
 * A bulk flow between two copies of your stack over a 100 Mbit/s path of 20 ms round trip that
 * loses 1% of the data packets: its goodput must be near the Mathis bound (0.4 to 1.45 times
 * MSS/RTT · sqrt(3/(2p))), and the sender's cwnd, read from tcpInfo every 4 ms, must keep every
 * rule of Reno on the way (support/congestion-checks.ts). A failure writes a cwnd plot beside the pcap.
 * A stack that passes has its goodput on the Gradescope leaderboard.
 */
import { netTest } from '../../../../harness/testkit';
import { recordFigure } from '../../../../harness/testkit/figures';
import { expectMathisGoodput, MATHIS_BAND_WORDS, runLossyFlow } from '../support/lossy-path';

describe('a lossy path', () => {
  netTest(`with 1% of data packets lost, goodput is ${MATHIS_BAND_WORDS}, and cwnd keeps the rules of slow start, congestion avoidance and recovery`, async (t) => {
    const flow = await runLossyFlow(t, 0.01, t.stack.createKernel);
    expectMathisGoodput(flow, 0.01);
    recordFigure({ name: 'goodput at 1% loss, 20 ms RTT', value: Number(((flow.goodputBytesPerSecond * 8) / 1e6).toFixed(2)), unit: 'Mbit/s' });
  });
});
