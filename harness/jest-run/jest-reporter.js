// A jest reporter, beside jest's default one, that ends a failed run with the next step
// (print-next-step.ts). jest loads reporters with plain `require`, without its TypeScript
// transform, and Node 20 cannot run TypeScript: ts-node compiles the modules (the harness's only),
// and only after a failed run, so that a passing run does not wait for the compiler to load.
const path = require('node:path');

/** The repository's compiler options, found from the repository wherever jest was started. */
const TS_NODE_OPTIONS = {
  transpileOnly: true,
  projectSearchDir: path.resolve(__dirname, '..', '..'),
  scope: true,
  scopeDir: path.resolve(__dirname, '..'),
};

let compiling = false;

module.exports = class NextStepReporter {
  onRunComplete(_contexts, results) {
    if (results.numFailedTestSuites === 0) return;
    // Once per process: jest's watch mode reports many runs.
    if (!compiling) require('ts-node').register(TS_NODE_OPTIONS);
    compiling = true;
    require('./print-next-step').printNextStep(results);
  }
};
