/**
 * A milestone's status from its scored tests, and the one cause behind its failures when every
 * test failed the same way (a createKernel that throws, a stack that does not load).
 */
import { firstLine } from './messages';
import type { MilestoneStatus, TestReport } from './report';

/** `passed` when every test passed, `partial` with some points, else `failed`. */
export function scoredStatus(tests: readonly TestReport[]): Extract<MilestoneStatus, 'passed' | 'partial' | 'failed'> {
  if (tests.every((test) => test.status === 'passed')) return 'passed';
  return tests.some((test) => test.points > 0) ? 'partial' : 'failed';
}

/**
 * `every test failed: <first line>` when no test passed and all share their first line. Only
 * when a public test is among them: a cause only hidden tests show would leak what they check.
 */
export function sharedCause(tests: readonly TestReport[]): string | undefined {
  if (tests.length === 0 || tests.some((test) => test.status === 'passed')) return undefined;
  const lines = new Set(tests.map((test) => firstLine(test.message)));
  const [line] = [...lines];
  if (lines.size !== 1 || !line || !tests.some((test) => test.visibility === 'public')) return undefined;
  return `every test failed: ${line}`;
}
