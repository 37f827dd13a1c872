/**
 * Milestone 3's hidden packet scripts: the public rules with other values, the reference's exact
 * timers where Linux's differ (delayed ACK, RTO estimate, persist probes, receive window), and
 * edge cases (overlapping and duplicate segments, Nagle with a FIN, no MSS option).
 */
import * as path from 'node:path';
import { scriptTests } from '../../../../harness/script';

scriptTests(path.join(__dirname, 'scripts'));
