/**
 * Whether Chromium, in which the grader's HTML pages are opened by their test, is on this machine:
 * the test skips without it, and the start of a run says so (global-setup.ts).
 */
import execa from 'execa';

/** Where Debian's chromium package puts it; playwright-core drives it there (it downloads no browser of its own). */
export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_MISSING = 'chromium missing; apt-get install chromium';

let available: boolean | undefined;

export function hasChromium(): boolean {
  available ??= execa.sync(CHROMIUM, ['--version'], { reject: false }).exitCode === 0;
  return available;
}
