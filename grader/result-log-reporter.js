/**
 * A jest reporter for the grader's child jest only (grader/jest-config.ts): it appends each test's
 * result to the grader's result log as soon as the test finishes, one JSON line per test, and a
 * line for a test file that failed to run. jest writes its `--json` file only at the end of the
 * run; when the run is killed at its wall-time limit, or dies, the log still holds the results of
 * the tests that finished before (read by grader/result-log.ts).
 *
 * It runs in jest's main process, the judge's side: the submission runs in kernel processes that
 * may write no file. The log's path comes in the reporter's options, from the configuration the
 * grader wrote, never from the environment the tests share.
 *
 * JavaScript, since jest loads reporters without the TypeScript transform. Each line is written
 * whole, synchronously, so that a kill leaves at most the last line cut short.
 */
const fs = require('node:fs');

class ResultLogReporter {
  constructor(_globalConfig, options) {
    if (typeof options?.file !== 'string') throw new Error('result-log-reporter.js needs the log file in its options: { file }');
    this.file = options.file;
  }

  onTestCaseResult(test, result) {
    const { fullName, status, duration, failureMessages } = result;
    this.append({ file: test.path, test: { fullName, status, duration, failureMessages } });
  }

  onTestFileResult(test, result) {
    if (result.testExecError) this.append({ file: test.path, fileFailure: result.failureMessage ?? result.testExecError.message ?? '' });
  }

  append(record) {
    fs.appendFileSync(this.file, `${JSON.stringify(record)}\n`);
  }
}

module.exports = ResultLogReporter;
