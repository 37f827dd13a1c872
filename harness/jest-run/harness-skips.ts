/**
 * The skip conditions of the harness's own probes: those of every repository with the harness,
 * a student's included (socklab's own add theirs: harness/testing/global-setup.ts).
 */
import { TSHARK_MISSING, tsharkAvailable } from '../phy/tshark';
import { tunSkipCause } from '../phy/tun/tun-suite';
import type { SkipCondition } from './skip-condition';

export const HARNESS_SKIPS: readonly SkipCondition[] = [
  { what: 'TUN bridge tests', cause: tunSkipCause, calls: ['describeTun('] },
  { what: 'tshark checks', cause: () => (tsharkAvailable() ? undefined : TSHARK_MISSING), calls: ['tsharkAvailable(', 'checkPcapAndSeed('] },
];
