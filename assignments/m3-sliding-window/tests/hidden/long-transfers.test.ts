/**
 * The stack under test against the reference, carrying 10 MB over a lossy link each way and both
 * ways at once, held to the same rules as the 1 MB transfers of impaired-transfers.test.ts. They
 * take most of the milestone's time, so they are a file of their own: the grader's workers run
 * them beside the rest.
 */
import { netTest } from '../../../../harness/testkit';
import { MB, transferChecked } from '../support/reference-transfer';

describe('bulk transfers against the reference', () => {
  netTest('10 MB from the stack to the reference with 2% loss arrives whole and in order', async (t) => {
    await transferChecked(t, { bytes: 10 * MB, direction: 'stack→peer', impairments: { loss: 0.02 }, impairment: '2% loss', limitSeconds: 300 });
  });

  netTest('10 MB from the reference to the stack with 2% loss arrives whole and in order', async (t) => {
    await transferChecked(t, { bytes: 10 * MB, direction: 'peer→stack', impairments: { loss: 0.02 }, impairment: '2% loss', limitSeconds: 300 });
  });

  netTest('10 MB both ways at once with 1% loss arrives whole and in order in each direction', async (t) => {
    await transferChecked(t, { bytes: 10 * MB, direction: 'both', impairments: { loss: 0.01 }, impairment: '1% loss', limitSeconds: 600 });
  });
});
