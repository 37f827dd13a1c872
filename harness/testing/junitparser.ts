/**
 * Whether junitparser, the JUnit reader the exports' test checks with, is on this machine: the
 * test skips without it, and the start of a run says so (global-setup.ts).
 */
import execa from 'execa';

/** Debian's interpreter: python3-junitparser installs for it, not for a pyenv or venv python. */
export const DEBIAN_PYTHON = '/usr/bin/python3';

export const JUNITPARSER_MISSING = 'junitparser missing; apt-get install python3-junitparser';

let available: boolean | undefined;

export function hasJunitparser(): boolean {
  available ??= execa.sync(DEBIAN_PYTHON, ['-c', 'import junitparser'], { reject: false }).exitCode === 0;
  return available;
}
