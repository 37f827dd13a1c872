// A jest reporter, beside jest's default one, that ends a failed run with the next step
// (print-next-step.ts). jest loads reporters with plain `require`, without its TypeScript
// transform, and Node 20 cannot run TypeScript: the commands' loader compiles the modules, and
// only after a failed run, so that a passing run does not load it.
module.exports = class NextStepReporter {
  onRunComplete(_contexts, results) {
    if (results.numFailedTestSuites === 0) return;
    require('../typescript/register');
    require('./print-next-step').printNextStep(results);
  }
};
