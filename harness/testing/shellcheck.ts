/**
 * Whether shellcheck, which checks the Gradescope bundle's shell scripts, is on this machine: the
 * check skips without it, and the start of a run says so (global-setup.ts).
 */
import execa from 'execa';

export const SHELLCHECK_MISSING = 'shellcheck missing; apt-get install shellcheck';

let available: boolean | undefined;

export function hasShellcheck(): boolean {
  available ??= execa.sync('shellcheck', ['--version'], { reject: false }).exitCode === 0;
  return available;
}
