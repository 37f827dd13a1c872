/**
 * Scoring jest's results against milestone.json, on hand-made results: the list is the authority,
 * and whatever the results hold (missing tests, unknown tests, files that failed to run, forged
 * evidence paths) ends up as an honest test status or a configuration error, never a crash.
 */
import * as path from 'node:path';
import type { JestAssertion, JestFileResult } from '../../harness/jest-run/jest-results';
import { artifactsIn } from '../messages';
import { cleanMessage } from '../../harness/jest-run/message-text';
import type { Milestone } from '../milestone';
import { sharedCause } from '../milestone-status';
import { scoreResults, sumPoints } from '../score';

const TESTS_DIR = '/course/assignments/m9/tests';

const MILESTONE: Milestone = {
  id: 'm9',
  title: 'Scoring',
  points: 10,
  limits: { wallSeconds: 10, memoryMb: 256 },
  tests: [
    { file: 'public/a.test.ts', name: 'a one', points: 2, category: 'one' },
    { file: 'public/a.test.ts', name: 'a two', points: 3, category: 'two' },
    { file: 'hidden/b.test.ts', name: 'b three', points: 5, category: 'three' },
  ],
};

function file(relative: string, assertions: JestAssertion[], message = ''): JestFileResult {
  const failed = assertions.some((a) => a.status === 'failed') || message !== '';
  return { name: path.join(TESTS_DIR, relative), status: failed ? 'failed' : 'passed', message, assertionResults: assertions };
}

function assertion(fullName: string, status: string, failureMessages: string[] = []): JestAssertion {
  return { fullName, status, duration: 3, failureMessages };
}

describe('scoring', () => {
  it('gives each passed test its points and each other test none', () => {
    const { tests, configErrors } = scoreResults(MILESTONE, TESTS_DIR, {
      testResults: [
        file('public/a.test.ts', [assertion('a one', 'passed'), assertion('a two', 'failed', ['expected 1, got 2'])]),
        file('hidden/b.test.ts', [assertion('b three', 'passed')]),
      ],
    });
    expect(tests.map((t) => [t.id, t.status, t.points, t.maxPoints, t.visibility])).toEqual([
      ['public/a.test.ts > a one', 'passed', 2, 2, 'public'],
      ['public/a.test.ts > a two', 'failed', 0, 3, 'public'],
      ['hidden/b.test.ts > b three', 'passed', 5, 5, 'hidden'],
    ]);
    expect(tests[1]?.message).toBe('expected 1, got 2');
    expect(configErrors).toEqual([]);
  });

  it('a listed test without a result failed: "did not run"', () => {
    const { tests } = scoreResults(MILESTONE, TESTS_DIR, { testResults: [file('public/a.test.ts', [assertion('a one', 'passed')])] });
    expect(tests.slice(1).map((t) => [t.status, t.points, t.message.split(':')[0]])).toEqual([
      ['failed', 0, 'did not run'],
      ['failed', 0, 'did not run'],
    ]);
  });

  it('a result milestone.json does not list is a configuration error, not scored', () => {
    const { tests, configErrors } = scoreResults(MILESTONE, TESTS_DIR, {
      testResults: [file('public/a.test.ts', [assertion('a one', 'passed'), assertion('a sneaky extra', 'passed')])],
    });
    expect(configErrors).toEqual(['public/a.test.ts > a sneaky extra: in the suites but not in milestone.json (not scored)']);
    expect(sumPoints(tests.map((t) => t.points))).toBe(2);
  });

  it('a test reported twice counts once, and says so', () => {
    const { tests, configErrors } = scoreResults(MILESTONE, TESTS_DIR, {
      testResults: [file('public/a.test.ts', [assertion('a one', 'failed', ['no']), assertion('a one', 'passed')])],
    });
    expect(tests[0]?.status).toBe('failed');
    expect(configErrors).toEqual([expect.stringContaining('reported twice')]);
  });

  it('the tests of a file that failed to run are errors carrying the file\'s message', () => {
    const { tests } = scoreResults(MILESTONE, TESTS_DIR, {
      testResults: [file('public/a.test.ts', [], 'Test suite failed to run\n\n  Cannot find module')],
    });
    expect(tests.slice(0, 2).map((t) => t.status)).toEqual(['error', 'error']);
    expect(tests[0]?.message).toContain('Cannot find module');
  });

  it('skipped, todo and pending tests earn nothing', () => {
    const { tests } = scoreResults(MILESTONE, TESTS_DIR, {
      testResults: [file('public/a.test.ts', [assertion('a one', 'todo'), assertion('a two', 'pending')])],
    });
    expect(tests.slice(0, 2).map((t) => [t.status, t.points])).toEqual([
      ['skipped', 0],
      ['skipped', 0],
    ]);
  });

  it('adds points without floating-point dust', () => {
    expect(sumPoints([0.1, 0.2])).toBe(0.3);
  });
});

describe('messages', () => {
  it('keep only evidence paths inside artifacts/', () => {
    const message = [
      'pcap:   artifacts/m1/x.pcapng   (open it)',
      'graph:        artifacts/m1/x.time-sequence.svg   (time–sequence graph)',
      'cwnd plot:    artifacts/m1/x.cwnd.svg   (open it in a browser)',
      'pcap: /etc/passwd',
      'graph: artifacts/../../etc/shadow',
      '  pcap:  artifacts/m1/x.pcapng',
    ].join('\n');
    expect(artifactsIn(message)).toEqual(['artifacts/m1/x.pcapng', 'artifacts/m1/x.time-sequence.svg', 'artifacts/m1/x.cwnd.svg']);
  });

  it('lose their colours and are cut to a bounded size', () => {
    expect(cleanMessage(['\u001b[31mred\u001b[39m'])).toBe('red');
    const huge = cleanMessage(['x'.repeat(100_000)]);
    expect(huge.length).toBeLessThanOrEqual(8000);
    expect(huge).toMatch(/^x+\n… \((\d+) more characters cut\)$/);
    // What is kept and what the marker counts add up to the whole message.
    expect(huge.indexOf('\n') + Number(/(\d+) more/.exec(huge)?.[1])).toBe(100_000);
  });

  it('a shared cause is given only when a public test shows it', () => {
    const scored = scoreResults(MILESTONE, TESTS_DIR, {
      testResults: [
        file('public/a.test.ts', [assertion('a one', 'failed', ['boom']), assertion('a two', 'failed', ['boom'])]),
        file('hidden/b.test.ts', [assertion('b three', 'failed', ['boom'])]),
      ],
    });
    expect(sharedCause(scored.tests)).toBe('every test failed: boom');
    expect(sharedCause(scored.tests.filter((t) => t.visibility === 'hidden'))).toBeUndefined();
  });
});
