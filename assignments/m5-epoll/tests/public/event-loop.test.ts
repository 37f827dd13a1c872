/**
 * One event loop on your stack serves 100 clients at once (also on your stack): a nonblocking
 * listener and every connection in one epoll instance, answered as they become readable.
 */
import { netTest } from '../../../../harness/testkit';
import { serveClients } from '../support/served-clients';

describe('an event-loop server', () => {
  netTest('serves 100 concurrent clients from one epoll instance, each getting its own answer', async (t) => {
    await serveClients(t, t.stack.createKernel, 100);
  });
});
