/**
 * Jest's `globalSetup`: says once, at the start of a run, that the TUN suites will be skipped here
 * and why. Each suite's name carries the cause too, but a run of many files prints no suite names,
 * and jest shows nothing at all of a file whose tests were all skipped.
 */
import { probeTun } from './probe';
import { REQUIRE_TUN_ENV } from './tun-suite';

export default function announceTunSkip(): void {
  const probe = probeTun();
  if (!probe.ok && process.env[REQUIRE_TUN_ENV] !== '1') console.warn(`\nTUN suites skipped: ${probe.cause}\n`);
}
