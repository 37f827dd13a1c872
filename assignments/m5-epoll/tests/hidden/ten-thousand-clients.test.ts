/**
 * The milestone's end-to-end test: one event loop on the stack under test serves 10,000
 * concurrent clients (reference stacks), every one getting its own answer. Ten thousand fds in one
 * interest list, thousands of handshakes at once and a ready list turning over all the while: a
 * wakeup lost once in ten thousand leaves a client waiting forever, and a stack whose calls grow
 * with the number of open sockets runs out of time. (What one epoll_wait costs with many sockets
 * registered is measured on the reference by `npm run bench -- epoll`, not asserted here.)
 */
import { netTest } from '../../../../harness/testkit';
import { referenceKernel } from '../../../m1-udp/tests/support/reference-peer';
import { serveClients } from '../support/served-clients';

describe('an event-loop server', () => {
  netTest(
    'serves 10,000 concurrent clients of the reference from one epoll instance, each getting its own answer',
    async (t) => {
      await serveClients(t, referenceKernel(), 10_000);
    },
    120_000,
  );
});
