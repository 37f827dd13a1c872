/**
 * A bulk transfer between the stack under test and the reference, held to every rule: every byte
 * delivered once and in order, and each direction's trace within the offered window, with no ACK
 * of unsent data, and retransmissions only on a timeout, backed off when repeated, or on a loss
 * the ACKs signal.
 */
import type { NetTest } from '../../../../harness/testkit';
import { referenceKernel } from '../../../m1-udp/tests/support/reference-peer';
import { checkFlow, flowOf } from './trace-checks';
import { expectDelivered, runTransfer, type TransferResult, type TransferSpec } from './transfer';

export const MB = 1 << 20;

/** Run a transfer against the reference and hold it to every rule. */
export async function transferChecked(t: NetTest, spec: Omit<TransferSpec, 'peer' | 'peerName'>): Promise<TransferResult> {
  const result = await runTransfer(t, { ...spec, peer: referenceKernel(), peerName: 'the reference' });
  expectDelivered(result);
  for (const w of result.ways) checkFlow(flowOf(result.trace, w.from, w.to));
  return result;
}
