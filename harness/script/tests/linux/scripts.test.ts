/**
 * Linux as the judge: every portable script of the milestones and of the script language runs
 * against the Linux kernel over TUN, and must pass there as it does on the reference. (The few
 * that wait out TCP's long timers are in linux-long-scripts.test.ts.)
 */
import * as path from 'node:path';
import { describeTun } from '../../../phy/tun/tun-suite';
import { portableScripts, ROOT } from './portable-scripts';
import { LONG_SCRIPT_SECONDS, runOnLinux, timeoutMs } from './run-on-linux';

const scripts = portableScripts();

describe('the portable scripts', () => {
  it('are found under every milestone and the script language, and all parse', () => {
    const names = scripts.map((script) => script.name);
    expect(names).toContain(path.join('harness', 'script', 'tests', 'scripts', 'udp', 'echo.pkt'));
    for (const milestone of ['m1-udp', 'm2-handshake', 'm3-sliding-window', 'm4-congestion-control', 'm5-epoll']) {
      expect(names.some((name) => name.startsWith(path.join('assignments', milestone)))).toBe(true);
    }
    expect(scripts.filter((script) => script.error).map((script) => `${script.name}: ${script.error}`)).toEqual([]);
    // The wrong-on-purpose scripts are not portable: they fail everywhere.
    expect(names.filter((name) => name.includes('-wrong'))).toEqual([]);
    expect(ROOT).toBe(path.resolve(__dirname, '../../../..'));
  });
});

describeTun('portable scripts on Linux', () => {
  for (const script of scripts.filter((s) => s.seconds <= LONG_SCRIPT_SECONDS)) {
    test.concurrent(script.name, () => runOnLinux(script), timeoutMs(script));
  }
});
