/**
 * Milestone 4's public packet scripts: one test per `.pkt` file in scripts/, named after it. They
 * read the congestion window through tcpInfo as packetdrill reads TCP_INFO on Linux: the initial
 * window and slow start, congestion avoidance, fast retransmit on the third duplicate ACK, and the
 * loss window after a timeout. All are portable: they pass on the Linux kernel too.
 */
import * as path from 'node:path';
import { scriptTests } from '../../../../harness/script';

scriptTests(path.join(__dirname, 'scripts'));
