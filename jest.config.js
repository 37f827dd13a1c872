/** Tests are TypeScript compiled per file (jest-transform.js); `npm run typecheck` checks types. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  // Fixture milestones are run by the grader's tests, under the grader's own configuration. `npm
  // test` runs the Linux judge's sweep of portable scripts on its own, after everything else:
  // beside the suite's heaviest files the harness fell up to a second behind Linux's real time.
  testPathIgnorePatterns: [
    '/node_modules/',
    '/artifacts/',
    '/grader/tests/fixtures/',
    ...(process.env.SOCKLAB_LINUX_SWEEP_LAST ? ['/harness/script/tests/linux/scripts\\.test\\.ts$'] : []),
  ],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/jest-transform.js' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60000,
  // Says at the start which tests skip on this machine, and why.
  globalSetup: '<rootDir>/harness/testing/global-setup.ts',
  // jest's report, then the next step: the failures by the stub or the file and line they hit.
  // jest's summary of failing tests would repeat them all after the next step (jest adds it after
  // every other reporter, from 20 test files on): the next step is the summary.
  reporters: [['default', { summaryThreshold: Number.MAX_SAFE_INTEGER }], '<rootDir>/harness/jest-run/jest-reporter.js'],
  // Two workers even on two cores: the Linux and TUN suites mostly wait on real time, so another
  // file's work fits beside them (jest would otherwise run one file at a time here).
  maxWorkers: 2,
};
