/**
 * The two ways grading itself can fail, as opposed to a submission failing (which is reported,
 * never thrown). The CLI turns each into its exit code.
 */

/** The command line asked for something impossible: an unknown milestone, a missing folder. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The grader could not do its job: unreadable assignments, a report that breaks our own schema. */
export class GradingError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GradingError';
  }
}
