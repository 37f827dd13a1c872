/**
 * The portable scripts that wait out TCP's long timers on Linux — TIME_WAIT's 60 s, a connect
 * giving up after 127 s of SYN retransmissions — run concurrently (they spend their time
 * waiting), and only where asked: in CI (CI set, as CI services do) or with SOCKLAB_LINUX_LONG=1.
 * Elsewhere they are skipped, and the skip says so, to keep `npm test` short.
 */
import { describeTun } from '../../../phy/tun/tun-suite';
import { portableScripts } from './portable-scripts';
import { LONG_SCRIPT_SECONDS, longScriptsSkipCause, runOnLinux, timeoutMs } from './run-on-linux';

const long = portableScripts().filter((script) => script.seconds > LONG_SCRIPT_SECONDS);
const skipCause = longScriptsSkipCause();

describeTun('portable scripts on Linux that wait out long timers', () => {
  for (const script of long) {
    const name = `${script.name} (about ${Math.round(script.seconds)} s)`;
    if (skipCause === undefined) test.concurrent(name, () => runOnLinux(script), timeoutMs(script));
    else test.skip(`${name} — skipped: ${skipCause}`, () => undefined);
  }
});
