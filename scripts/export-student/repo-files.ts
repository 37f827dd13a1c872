/**
 * The small generated files of a student repository: its configuration, the note that marks
 * harness/ read-only, and socklab.json, which tells the loader (and the grader) where the
 * student's stack is. Its workflows are in workflows.ts.
 */
import { STUDENT_CONFIG } from '../../harness/loader';

/** The student's stack folder: what the starter becomes, and the one folder the grader grades. */
export const STACK_DIR = 'stack';

/** The folders the student's typecheck covers. */
const CHECKED = [STACK_DIR, 'harness', 'assignments'];

/** `socklab.json`: names the stack folder (see harness/loader/load-submission.ts). */
export function socklabJson(): [string, string] {
  return [STUDENT_CONFIG, jsonText({ stack: STACK_DIR })];
}

/** `tsconfig.json`: socklab's own compiler options (strict and all), over the student's folders. */
export function tsconfigJson(ours: { readonly compilerOptions: unknown }): [string, string] {
  return ['tsconfig.json', jsonText({ compilerOptions: ours.compilerOptions, include: CHECKED, exclude: ['node_modules', 'artifacts'] })];
}

/**
 * `jest.config.js`: every `*.test.ts`, TypeScript compiled per file, as socklab runs its own
 * tests; the skips said at the start, and the next step at the end (harness/jest-run/).
 */
export function jestConfig(): [string, string] {
  return [
    'jest.config.js',
    `/** Tests are TypeScript compiled per file; \`npm run typecheck\` checks the types. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testPathIgnorePatterns: ['/node_modules/', '/artifacts/'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\\\.ts$': ['ts-jest', { diagnostics: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60000,
  // Says at the start which tests skip on this machine, and why.
  globalSetup: '<rootDir>/harness/jest-run/global-setup.ts',
  // jest's report, then the next step: the failures by the stub they hit, in the handouts' order.
  // jest's summary of failing tests would repeat them all after the next step (jest adds it after
  // every other reporter, from 20 test files on): the next step is the summary.
  reporters: [['default', { summaryThreshold: Number.MAX_SAFE_INTEGER }], '<rootDir>/harness/jest-run/jest-reporter.js'],
};
`,
  ];
}

/** `.gitignore`: installed packages, and the pcaps failing tests write. */
export function gitignore(): [string, string] {
  return ['.gitignore', 'node_modules/\nartifacts/\ncoverage/\n*.tsbuildinfo\n'];
}

/** `harness/README.md`: the vendored harness is read-only. */
export function harnessNote(version: string): [string, string] {
  return [
    'harness/README.md',
    `# harness (read-only)

socklab's test harness, version ${version}, copied here so that the tests run: the simulator, the
wire codecs, the runtime, the failure evidence, and the kernel contract your stack implements
(\`contract/kernel.ts\`). Do not edit it. The grader does not use this copy: it runs your \`${STACK_DIR}/\`
with its own harness and tests, so a change here only makes your own test runs disagree with your grade.
`,
  ];
}

/** A JSON file's text, as npm writes package.json: two-space indents and a final newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
