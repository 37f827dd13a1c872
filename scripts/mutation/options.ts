/**
 * What `npm run mutation -- <milestone>` mutates and how Stryker runs: per milestone, the
 * reference files that milestone's students write (and the layers its tests reach through), with
 * that milestone's public and hidden suites as the test command.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type { PartialStrykerOptions } from '@stryker-mutator/api/core' with { 'resolution-mode': 'import' };

/** The reference files each milestone's suites are measured on, relative to reference/. */
export const MUTATED_FILES = {
  // The files with TODO(m1) stubs in starter/, and IPv4 and the fd table, which every UDP test crosses.
  'm1-udp': ['checksum.ts', 'udp.ts', 'udp-input.ts', 'udp-socket.ts', 'ports.ts', 'icmp.ts', 'ipv4.ts', 'fd-table.ts'],
  // The files with TODO(m2) stubs in starter/tcp/: the handshake, the close and their timers; and
  // those that took m2 code out of them when tcp/ was layered (connection.ts: leaveListenQueue,
  // from listen.ts; deadlines.ts: starting and stopping the timers, from timers.ts; in-flight.ts:
  // bytesInFlight, from transmit.ts).
  'm2-handshake': [
    'tcp/ack.ts',
    'tcp/close.ts',
    'tcp/connection.ts',
    'tcp/deadlines.ts',
    'tcp/in-flight.ts',
    'tcp/input.ts',
    'tcp/listen.ts',
    'tcp/mss.ts',
    'tcp/open.ts',
    'tcp/output.ts',
    'tcp/poll.ts',
    'tcp/port-table.ts',
    'tcp/receive-window.ts',
    'tcp/receive.ts',
    'tcp/retransmit-timer.ts',
    'tcp/segment-options.ts',
    'tcp/segment.ts',
    'tcp/seq.ts',
    'tcp/state.ts',
    'tcp/syn-sent.ts',
    'tcp/synchronized.ts',
    'tcp/timers.ts',
    'tcp/transmit.ts',
    'tcp/validate.ts',
  ],
} as const;

export type Milestone = keyof typeof MUTATED_FILES;

export function isMilestone(name: string): name is Milestone {
  return Object.hasOwn(MUTATED_FILES, name);
}

/** Where a milestone's committed mutation records live: the incremental file, the summary, the equivalent list. */
export function recordDir(root: string, milestone: Milestone): string {
  return path.join(root, 'mutation', milestone);
}

/**
 * Stryker's options, run from the repository root, for mutating `files` (relative to reference/)
 * under `milestone`'s suites: incremental with `incrementalFile`, or, when it is undefined, only
 * the count of mutants and the initial test run, for an estimate.
 */
export function strykerOptions(
  milestone: Milestone,
  files: readonly string[],
  incrementalFile: string | undefined,
  concurrency = 1,
): PartialStrykerOptions {
  return {
    testRunner: 'jest',
    // The jest runner tells Stryker which tests reach each mutant, so a mutant runs only those.
    coverageAnalysis: 'perTest',
    mutate: files.map((file) => `reference/${file}`),
    jest: {
      projectType: 'custom',
      configFile: 'jest.config.js',
      // The suites reach the stack through the loader's require(), which jest's dependency graph
      // cannot follow: related-test search would find only reference/tests.
      enableFindRelatedTests: false,
      config: {
        // Only this milestone's suites: reference/tests and the harness's own tests are not the measure.
        roots: [`<rootDir>/assignments/${milestone}/tests`],
        // Loaded from this folder, not the sandbox, which gets no scripts/.
        testEnvironment: path.join(__dirname, 'fail-fast-environment.js'),
      },
    },
    // A mutant's time limit is its tests' time in the initial run, times the factor, plus this margin
    // plus that run's jest start-up; on a shared machine a later start-up can take twice as long,
    // and Stryker's 5 s margin turned slow runs into timeouts (counted as detected).
    timeoutMS: 30_000,
    timeoutFactor: 2,
    // By default one test runner: the machine's two cores are shared with everyone working on it.
    concurrency,
    ...(incrementalFile === undefined ? { dryRunOnly: true } : { incremental: true, incrementalFile }),
    // The sandbox (a copy of the project) lives outside the repository: inside it, every jest and
    // eslint run of the others would find its copies of the tests.
    tempDirName: path.join(os.tmpdir(), `socklab-stryker-${milestone}`),
    // The sandbox gets only what the suites read: the root also holds folders that others' runs
    // make and remove (the grader's staged copies), which would vanish while Stryker copies them,
    // and a milestone's folder may hold someone's drafts (a link to a folder stops Stryker's copy).
    ignorePatterns: ['/*', '!/reference', '!/harness', '!/assignments', '/assignments/*/*', '!/assignments/*/tests', '!/package.json', '!/jest.config.js', '!/jest-transform.js'],
    // Nothing type-checks the sandbox: jest-transform.js only transpiles.
    disableTypeChecks: false,
    reporters: ['progress', 'clear-text'],
    clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
  };
}
