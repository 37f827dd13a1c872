/**
 * A script's sysctl commands reach the Linux it runs on, after the settings every run gets, and
 * the simulator refuses the ones socklab stacks cannot follow. The Linux-only script turns SACK
 * back on; without its sysctl line the same script fails there (the SYN-ACK does not permit SACK),
 * so the pass is the sysctl's doing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeTun } from '../../../phy/tun/tun-suite';
import { ScriptNotRunnable } from '../../backend';
import { parseScript } from '../../language/parser';
import { linuxBackend } from '../../linux/backend';
import { runScript } from '../../runner/runner';
import { runScriptFile } from '../../run-file';
import { simBackend } from '../../simulator/backend';
import { loadSubmission } from '../../../loader';

const SACK_ON = path.join(__dirname, '../scripts/linux-only/sack-permitted.pkt');
const source = fs.readFileSync(SACK_ON, 'utf8');

describeTun('sysctl commands on Linux', () => {
  it('turn a setting back on: SACK is permitted in the SYN-ACK', async () => {
    const result = await runScriptFile(SACK_ON, { stack: 'linux', seed: 1 });
    expect(result.report).toMatch(/passed on linux/);
  }, 30_000);

  it('are what made the difference: without the sysctl line the SYN-ACK does not permit SACK', async () => {
    const script = parseScript(source.replace(/^`sysctl[^\n]*\n/m, ''), 'sack-permitted-without-sysctl.pkt');
    expect(script.options.sysctls).toEqual([]);
    const run = await runScript(script, { seed: 1, backend: linuxBackend() });
    expect(run.failure?.line?.body).toBe('> S. 0:0(0) ack 1 <mss 1460,nop,nop,sackOK>');
    expect(run.failure?.differences?.join(' ')).toMatch(/option/);
  }, 30_000);
});

describe('sysctl commands on the simulator', () => {
  it('are refused where socklab stacks cannot follow them, naming the setting and what to do', async () => {
    const run = runScript(parseScript(source, 'sack-permitted.pkt'), { seed: 1, backend: simBackend(loadSubmission('reference').createKernel) });
    await expect(run).rejects.toThrow(ScriptNotRunnable);
    await expect(run).rejects.toThrow('sysctl net.ipv4.tcp_sack=1 cannot hold on the simulator: socklab stacks behave as net.ipv4.tcp_sack=0; run this script on Linux only (--stack linux)');
  });
});
