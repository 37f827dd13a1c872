/**
 * `describeTun(name, fn)`: a jest `describe` for tests that need the TUN bridge. Where the probe
 * (probe.ts) says the bridge cannot run, the suite is skipped and its name says why and what to
 * do (harness/jest-run/announce-skips.ts says it once at the start of a run) — unless
 * SOCKLAB_REQUIRE_TUN=1, where a missing bridge fails the suite instead (for CI machines that
 * must run it).
 *
 * A suite that ends with an agent still running (a test that forgot to close one) fails, and the
 * agents are closed: one forgotten agent would otherwise live, with its namespace, as long as the
 * jest worker that started it.
 */
import { probeTun } from './probe';
import { closeLiveAgents } from './tun-agent';

/** Set to 1 where the TUN suites must run: a missing bridge is then a failure, not a skip. */
export const REQUIRE_TUN_ENV = 'SOCKLAB_REQUIRE_TUN';

/** Why the TUN suites skip here, or undefined where they run (or must, and fail without the bridge). */
export function tunSkipCause(): string | undefined {
  const probe = probeTun();
  return probe.ok || process.env[REQUIRE_TUN_ENV] === '1' ? undefined : probe.cause;
}

/** A describe block that runs only where the TUN bridge works. */
export function describeTun(name: string, fn: () => void): void {
  const probe = probeTun();
  const skipCause = tunSkipCause();
  if (skipCause !== undefined) {
    describe.skip(`${name} — skipped: ${skipCause}`, fn);
  } else if (probe.ok) {
    describe(name, () => {
      fn();
      afterAll(async () => {
        const forgotten = await closeLiveAgents();
        if (forgotten.length > 0) throw new Error(`the suite ended with TUN agents still running (pids ${forgotten.join(', ')}): close every agent or pair a test opens, in a finally`);
      });
    });
  } else {
    describe(name, () => {
      it('needs the TUN bridge', () => {
        throw new Error(`${REQUIRE_TUN_ENV}=1, but the TUN bridge cannot run here: ${probe.cause}`);
      });
    });
  }
}
