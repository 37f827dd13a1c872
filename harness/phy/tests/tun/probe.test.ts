/**
 * The probe's negative path: where the clone device cannot be opened, the cause names the device,
 * the errno, and what to do. Runs everywhere: the device is pointed at paths that never work.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { linuxBackend } from '../../../script/linux/backend';
import { probeTun } from '../../tun/probe';

const MISSING = path.join(os.tmpdir(), 'socklab-no-such-dir', 'tun');

describe('the TUN probe', () => {
  it('a device that does not exist: the cause says so and what to do', () => {
    expect(fs.existsSync(MISSING)).toBe(false);
    expect(probeTun({ device: MISSING })).toEqual({
      ok: false,
      cause: `${MISSING} does not exist (ENOENT): load the tun module (modprobe tun), or run where ${MISSING} exists`,
    });
  });

  it('a device that cannot be opened for reading and writing: the errno, and to run as root or rootless', () => {
    // A folder never opens for writing, as root or not.
    const probe = probeTun({ device: os.tmpdir() });
    expect(probe.ok).toBe(false);
    expect(!probe.ok && probe.cause).toBe(
      `${os.tmpdir()} not accessible (EISDIR): run as root or where unprivileged user namespaces are allowed (and ${os.tmpdir()} is readable and writable by you)`,
    );
  });

  it('the Linux script backend refuses with the same cause', () => {
    expect(() => linuxBackend({ device: MISSING })).toThrow(`--stack linux cannot run here: ${MISSING} does not exist (ENOENT)`);
  });
});
