/**
 * jest's test environment in mutation runs (options.ts): once a test has failed against the
 * active mutant, the run's remaining tests are skipped. Stryker cannot make jest bail (bail does
 * not work when jest is run programmatically), so a mutant killed by its first test would still
 * wait for every other test that reaches it, most of a milestone's suite for the checksum or IPv4.
 *
 * Plain JavaScript: Stryker's jest runner loads the environment with require, untransformed.
 */
const { TestEnvironment } = require('jest-environment-node');

/** Where Stryker's jest runner puts the id of the mutant under test; unset in the initial test run. */
const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';

/** The mutant a test failed against. Module state: jest loads the environment once for all the run's test files. */
let killed;

class FailFastEnvironment extends TestEnvironment {
  handleTestEvent(event) {
    const active = process.env[ACTIVE_MUTANT];
    if (active === undefined) return;
    if (event.name === 'test_done' && event.test.errors.length > 0) killed = active;
    // jest-circus reads the mode after test_start: a test marked here is skipped, not failed.
    if (event.name === 'test_start' && killed === active) event.test.mode = 'skip';
  }
}

module.exports = FailFastEnvironment;
