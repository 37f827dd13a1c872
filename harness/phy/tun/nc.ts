/**
 * Whether nc is on this machine: the epoll demo's clients over TUN are nc processes, so it refuses
 * without it; the TUN demos' tests of nc skip without it, and the start of a run says so
 * (harness/testing/global-setup.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commandPath } from './namespace-command';

export const NC_MISSING = 'nc is missing (Debian package netcat-openbsd)';

export function hasNc(): boolean {
  return commandPath()
    .split(':')
    .some((dir) => fs.existsSync(path.join(dir, 'nc')));
}
