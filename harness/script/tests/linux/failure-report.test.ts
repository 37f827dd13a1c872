/**
 * A script that fails on Linux says what Linux dropped, read from the kernel's own counters in
 * the run's namespace, as a failure on the simulator says what the stack's kernel dropped.
 */
import * as path from 'node:path';
import { describeTun } from '../../../phy/tun/tun-suite';
import { runScriptFile } from '../../run-file';

const SCRIPT = path.join(__dirname, '../scripts/udp-wrong/dropped-unseen.pkt');

describeTun('a script failing on Linux', () => {
  test("names what Linux's counters say it dropped", async () => {
    const result = await runScriptFile(SCRIPT, { stack: 'linux', seed: 1, artifactFile: __filename, artifactName: 'dropped-unseen' });
    expect(result.passed).toBe(false);
    expect(result.report).toContain(':7: recvfrom never returned');
    expect(result.report).toContain('its kernel dropped, by its counters: UdpNoPorts 1 (no socket on its UDP port)');
  }, 30_000);
});
