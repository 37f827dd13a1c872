/**
 * Milestone 5's hidden packet scripts: one test per `.pkt` file in scripts/, named after it. They
 * go further than the public ones: edge-triggered reports on TCP and per arrival, one-shot with
 * EPOLLET and what disarms it, re-arming and deleting, closed descriptors, two instances, ready
 * lists longer than maxevents, the errors for bad descriptors and maxevents, and the readiness of
 * half-closed, reset and refused connections (EPOLLERR, EPOLLHUP, EPOLLRDHUP), of never-connected,
 * connecting and simultaneously opened ones, and of UDP sockets (zero-length datagrams too); the
 * changes a call makes (connect, shutdown, SO_SNDBUF) and those it does not. All but
 * sndbuf-raised-writable.pkt are portable: they pass on the Linux kernel too.
 */
import * as path from 'node:path';
import { scriptTests } from '../../../../harness/script';

scriptTests(path.join(__dirname, 'scripts'));
