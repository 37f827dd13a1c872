/**
 * epoll scripts against the reference stack (milestone 5): the data each registration gives comes
 * back through the simulator backend as it does from Linux.
 */
import * as path from 'node:path';
import { scriptTests } from '../../script-tests';

describe('epoll scripts that pass on the reference', () => {
  scriptTests(path.join(__dirname, '../scripts/epoll'), { stack: 'reference' });
});
