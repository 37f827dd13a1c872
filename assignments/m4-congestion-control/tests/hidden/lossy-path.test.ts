/**
 * The public lossy-path test at other loss rates, with the reference as the receiver: goodput near
 * the Mathis bound (0.4 to 1.45 times it) from 0.5% to 2% loss, every rule of Reno kept on the way.
 */
import { netTest } from '../../../../harness/testkit';
import { referenceKernel } from '../../../m1-udp/tests/support/reference-peer';
import { expectMathisGoodput, MATHIS_BAND_WORDS, runLossyFlow } from '../support/lossy-path';

describe('a lossy path to the reference', () => {
  for (const loss of [0.005, 0.01, 0.02]) {
    netTest(`with ${loss * 100}% of data packets lost, goodput is ${MATHIS_BAND_WORDS}, and cwnd keeps the rules`, async (t) => {
      expectMathisGoodput(await runLossyFlow(t, loss, referenceKernel()), loss);
    });
  }
});
