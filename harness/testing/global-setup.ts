/**
 * jest's `globalSetup` of socklab's own repository: the skips of the harness (those a student's
 * repository has too) and of socklab's own tests, announced at the start of a run. In
 * harness/testing/, with the probes it needs: a student's repository gets none of it (it has none
 * of these tests), and the mutation runs' copies of the repository, which have harness/ but not
 * grader/ or demo/, still load it.
 */
import { announceSkips } from '../jest-run/announce-skips';
import { HARNESS_SKIPS } from '../jest-run/harness-skips';
import type { SkipCondition } from '../jest-run/skip-condition';
import type { ProjectFolders } from '../jest-run/suite-files';
import { cpuTimeMs } from '../port/cpu-clock';
import { longScriptsSkipCause } from '../script/tests/linux/run-on-linux';
import { CHROMIUM_MISSING, hasChromium } from './chromium';
import { hasJunitparser, JUNITPARSER_MISSING } from './junitparser';
import { hasNc, NC_MISSING } from '../phy/tun/nc';
import { HAS_REFERENCE, REFERENCE_MISSING } from './reference';
import { hasShellcheck, SHELLCHECK_MISSING } from './shellcheck';

/** The skips of socklab's own tests, each probed by the function its suite decides by. */
export const SOCKLAB_SKIPS: readonly SkipCondition[] = [
  { what: 'the demos on the reference', cause: () => (HAS_REFERENCE ? undefined : REFERENCE_MISSING), calls: ['withReference(', 'checkPcapAndSeed('] },
  { what: 'JUnit read by junitparser', cause: () => (hasJunitparser() ? undefined : JUNITPARSER_MISSING), calls: ['hasJunitparser('] },
  { what: "the Gradescope bundle's scripts read by shellcheck", cause: () => (hasShellcheck() ? undefined : SHELLCHECK_MISSING), calls: ['hasShellcheck('] },
  { what: "the grader's HTML pages opened in Chromium", cause: () => (hasChromium() ? undefined : CHROMIUM_MISSING), calls: ['hasChromium('] },
  { what: 'the demos asked by nc over TUN', cause: () => (hasNc() ? undefined : NC_MISSING), calls: ['hasNc('] },
  { what: 'long scripts on Linux', cause: longScriptsSkipCause, calls: ['longScriptsSkipCause('] },
  {
    what: "the watchdog's CPU-time limit",
    cause: () => (cpuTimeMs(process.pid) === undefined ? 'this system does not tell a process\'s CPU time (/proc/<pid>/schedstat)' : undefined),
    calls: ['cpuTimeMs(process.pid)'],
  },
];

export default function globalSetup(_globalConfig: unknown, project: ProjectFolders): void {
  announceSkips([...HARNESS_SKIPS, ...SOCKLAB_SKIPS], project);
}
