/**
 * Milestone 3's public packet scripts: one test per `.pkt` file in scripts/, named after it. They
 * check the sliding window on the wire: segmentation by the MSS, the peer's window, out-of-order
 * data held and acknowledged, the retransmission timeout and its backoff, Nagle, delayed ACKs,
 * and FINs in order. The portable ones pass on the Linux kernel too.
 */
import * as path from 'node:path';
import { scriptTests } from '../../../../harness/script';

scriptTests(path.join(__dirname, 'scripts'));
