/**
 * Whether nc is on this machine: the temperature-tun demo's test of its printed nc commands skips
 * without it, and the start of a run says so (global-setup.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commandPath } from '../phy/tun/namespace-command';

export const NC_MISSING = 'nc is missing (Debian package netcat-openbsd)';

export function hasNc(): boolean {
  return commandPath()
    .split(':')
    .some((dir) => fs.existsSync(path.join(dir, 'nc')));
}
