/**
 * Bulk TCP between a socklab stack (the reference unless SOCKLAB_SUBMISSION says) and Linux over
 * TUN: 10 MB each way, on a clean path and through the seeded fault injector at 2% loss with
 * reordering both ways, checked by sha256. The same transfers run from the command line against any
 * stack: `npm run interop -- --stack DIR`.
 */
import { loadSubmission } from '../../../loader';
import { runSeed } from '../../../sim/rng';
import { bulkTransfer, intact, type TransferDirection } from '../../tun/bulk-transfer';
import { INTEROP_PATHS } from '../../tun/interop-paths';
import { seededBytes } from '../../../sim/seeded-data';
import { describeTun } from '../../tun/tun-suite';
import { withPair } from './pair-test';

const SIZE = 10 * 1024 * 1024;
const PORT = 8090;
/** Real time: a lossy 10 MB transfer waits out a retransmission timeout for most of its losses. */
const TIMEOUT_MS = 180_000;

const DIRECTIONS: readonly TransferDirection[] = ['stack-to-linux', 'linux-to-stack'];

describeTun('bulk TCP between a socklab stack and Linux', () => {
  const createKernel = loadSubmission().createKernel;
  const data = seededBytes(runSeed(), 'bulk', SIZE);

  for (const direction of DIRECTIONS) {
    for (const { words, faults } of Object.values(INTEROP_PATHS)) {
      it(
        `10 MB ${direction} ${words} arrive intact`,
        () => withPair(async (pair) => void intact(await bulkTransfer(pair, direction, data, PORT)), { createKernel, ...faults }),
        TIMEOUT_MS,
      );
    }
  }
});
