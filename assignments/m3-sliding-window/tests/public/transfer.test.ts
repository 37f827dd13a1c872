/**
 * Bulk transfers of 1 MB each way between two copies of the stack under test, over a 10 Mbit/s
 * link of 5 ms one way: on a clean link, and with 2% of the packets lost in both directions.
 * Every byte must arrive once and in order (compared by sha256); on the way, the packet trace is
 * held to the sliding window's rules: no more outstanding than the window offered, no ACK of data
 * never sent, retransmissions only on a timeout or a loss the ACKs signal (and none at all on a
 * clean link).
 */
import { netTest } from '../../../../harness/testkit';
import { checkFlow, checkNoRetransmission, flowOf } from '../support/trace-checks';
import { expectDelivered, runTransfer, type Way } from '../support/transfer';

const MB = 1 << 20;
const WAYS: readonly { way: Way; words: string }[] = [
  { way: 'stack→peer', words: 'from the client to the server' },
  { way: 'peer→stack', words: 'from the server to the client' },
];

describe('bulk transfer', () => {
  for (const { way, words } of WAYS) {
    netTest(`1 MB ${words} on a clean link arrives whole and in order, within the window, without a single retransmission`, async (t) => {
      const result = await runTransfer(t, { bytes: MB, direction: way, impairment: 'a clean link', limitSeconds: 30 });
      expectDelivered(result);
      const [w] = result.ways;
      const flow = flowOf(result.trace, w!.from, w!.to);
      checkFlow(flow);
      checkNoRetransmission(flow);
    });

    netTest(`1 MB ${words} with 2% of packets lost each way arrives whole and in order, retransmitted only on a timeout or a loss the ACKs signal`, async (t) => {
      const result = await runTransfer(t, { bytes: MB, direction: way, impairments: { loss: 0.02 }, impairment: '2% loss each way', limitSeconds: 120 });
      expectDelivered(result);
      const [w] = result.ways;
      checkFlow(flowOf(result.trace, w!.from, w!.to));
    });
  }
});
