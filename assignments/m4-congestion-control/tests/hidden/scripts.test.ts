/**
 * Milestone 4's hidden packet scripts: NewReno's recovery with partial ACKs, the edges of the
 * rules (what is not a duplicate ACK, ssthresh's floor of two segments, a timeout that repeats,
 * the initial window after a lost SYN-ACK, no second fast retransmit for losses a timeout is
 * recovering), and the RFC's rules where Linux departs from them.
 */
import * as path from 'node:path';
import { scriptTests } from '../../../../harness/script';

scriptTests(path.join(__dirname, 'scripts'));
