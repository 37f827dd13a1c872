/**
 * The stack under test against the reference, carrying 10 MB over a lossy link each way and both
 * ways at once, held to the same rules as the 1 MB transfers of impaired-transfers.test.ts. They
 * take most of the milestone's time, so they are a file of their own: the grader's workers run
 * them beside the rest.
 *
 * Their link has jumbo frames (MTU 9000): the 1 MB transfers already put every impairment to
 * Ethernet-sized segments, and these add length (ten times the sequence space, hundreds of losses
 * recovered) and a second MTU the stack must take its MSS from. Segments six times larger make six
 * times fewer packets, and each packet costs a round trip to the graded stack's own process.
 */
import { netTest } from '../../../../harness/testkit';
import { MB, transferChecked } from '../support/reference-transfer';

/** Jumbo frames: the MTU of these links. */
const JUMBO_MTU = 9000;

describe('bulk transfers against the reference', () => {
  netTest('10 MB from the stack to the reference over jumbo frames with 2% loss arrives whole and in order', async (t) => {
    await transferChecked(t, { bytes: 10 * MB, direction: 'stack→peer', impairments: { loss: 0.02 }, impairment: '2% loss', limitSeconds: 300, mtu: JUMBO_MTU });
  });

  netTest('10 MB from the reference to the stack over jumbo frames with 2% loss arrives whole and in order', async (t) => {
    await transferChecked(t, { bytes: 10 * MB, direction: 'peer→stack', impairments: { loss: 0.02 }, impairment: '2% loss', limitSeconds: 300, mtu: JUMBO_MTU });
  });

  netTest('10 MB both ways at once over jumbo frames with 1% loss arrives whole and in order in each direction', async (t) => {
    await transferChecked(t, { bytes: 10 * MB, direction: 'both', impairments: { loss: 0.01 }, impairment: '1% loss', limitSeconds: 600, mtu: JUMBO_MTU });
  });
});
