/** Tests are TypeScript compiled per file (jest-transform.js); `npm run typecheck` checks types. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  // Fixture milestones are run by the grader's tests, under the grader's own configuration.
  testPathIgnorePatterns: ['/node_modules/', '/artifacts/', '/grader/tests/fixtures/'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/jest-transform.js' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60000,
  globalSetup: '<rootDir>/harness/phy/tun/announce-skip.ts',
  // Two workers even on two cores: the Linux and TUN suites mostly wait on real time, so another
  // file's work fits beside them (jest would otherwise run one file at a time here).
  maxWorkers: 2,
};
