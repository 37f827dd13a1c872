/**
 * Milestone 3's hidden packet scripts: the public rules with other values, the reference's exact
 * timers where Linux's differ (delayed ACK, RTO estimate and backoff, persist probes, receive
 * window), and edge cases (overlapping and duplicate segments, a hole partly filled, a FIN beyond
 * the receive buffer, Nagle with a FIN, PSH on a queued write, no MSS option, a window shut with
 * data in flight, SO_SNDBUF and SO_RCVBUF lowered below what they hold).
 */
import * as path from 'node:path';
import { scriptTests } from '../../../../harness/script';

scriptTests(path.join(__dirname, 'scripts'));
