/**
 * Milestone 5's public packet scripts: one test per `.pkt` file in scripts/, named after it. They
 * check epoll's readiness rules as epoll(7), epoll_ctl(2) and epoll_wait(2) state them: level- and
 * edge-triggered reports, EPOLLONESHOT, epoll_wait's timeout, epoll_ctl's errors, and the
 * readiness of a listener and of a connecting socket. All are portable: they pass on the Linux
 * kernel too.
 */
import * as path from 'node:path';
import { scriptTests } from '../../../../harness/script';

scriptTests(path.join(__dirname, 'scripts'));
