/** jest's results, as the grader reads them: the reader is the harness's, shared with a student repository. */
export * from '../harness/jest-run/jest-results';
