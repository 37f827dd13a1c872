/**
 * The exports of one report, each read back by a real consumer where one exists on the machine:
 * JUnit XML by junitparser (Debian's python3-junitparser, the library CI report actions build on),
 * TAP by TAP::Parser (the parser of Perl's prove). Hidden tests never show in any export made for
 * students (the instructors' HTML report has its own tests: html-report.test.ts).
 */
import execa from 'execa';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXPORTS } from '../export';
import { renderClassroom, toClassroom } from '../export/classroom';
import { DEBIAN_PYTHON, hasJunitparser, JUNITPARSER_MISSING } from '../../harness/testing/junitparser';
import { toGradescope } from '../export/gradescope';
import { renderSummary } from '../export/summary';
import { reportProblems } from '../validate-report';
import { IN_MEMORY, scratchDir, STUDENT_FORMATS } from './helpers';
import { NASTY_MESSAGE, NASTY_NAME, SAMPLE_REPORT } from './sample-report';

const CONSUMERS = path.join(__dirname, 'consumers');

/** Write one export of the sample report to a file and return its path. */
function exported(format: keyof typeof EXPORTS): string {
  const dir = scratchDir();
  const file = path.join(dir, EXPORTS[format].file);
  fs.writeFileSync(file, EXPORTS[format].render(SAMPLE_REPORT, { reportDir: dir, outDir: dir }));
  return file;
}

it('the sample report is itself valid', () => {
  expect(reportProblems(SAMPLE_REPORT)).toEqual([]);
});

it.each(STUDENT_FORMATS)('%s never shows a hidden test\'s name or message, nor the log', (format) => {
  expect(EXPORTS[format].render(SAMPLE_REPORT, IN_MEMORY)).not.toContain('SECRET');
});

describe('Gradescope results.json', () => {
  const results = toGradescope(SAMPLE_REPORT);

  it('public tests are visible with their message; hidden ones are per-category totals after publishing', () => {
    expect(results.tests.map((t) => [t.name, t.score, t.max_score, t.status, t.visibility])).toEqual([
      ['m1-udp › bind refuses a taken port', 2, 2, 'passed', 'visible'],
      [`m1-udp › ${NASTY_NAME}`, 0, 3, 'failed', 'visible'],
      ['m1-udp › over TUN', 0, 1, 'failed', 'visible'],
      ['m1-udp › a broken file', 0, 1, 'failed', 'visible'],
      ['m1-udp › hidden tests: demux', 2, 5, 'failed', 'after_published'],
      ['m1-udp › hidden tests: icmp', 0, 3, 'failed', 'after_published'],
      ['m2-handshake › answers a SYN', 0, 2, 'failed', 'visible'],
      ['m2-handshake › hidden tests: syn', 0, 3, 'failed', 'after_published'],
    ]);
    expect(results.tests[1]?.output).toBe(NASTY_MESSAGE);
    expect(results.tests[4]?.output).toBe('1 of 2 hidden tests passed');
  });

  it('the tests add up to the score, numbered uniquely, with a leaderboard of the score, the milestones passed and the figures measured', () => {
    expect(results.score).toBe(4);
    expect(results.tests.reduce((sum, t) => sum + t.max_score, 0)).toBe(SAMPLE_REPORT.maxScore);
    expect(new Set(results.tests.map((t) => t.number)).size).toBe(results.tests.length);
    expect(results.leaderboard).toEqual([
      { name: 'Score', value: 4 },
      { name: 'Milestones passed', value: 0 },
      { name: 'm2-handshake: goodput at 1% loss (Mbit/s)', value: 6.71 },
    ]);
    expect(results.execution_time).toBe(5);
    expect(results.stdout_visibility).toBe('hidden');
  });
});

describe('GitHub Classroom runner result', () => {
  const result = toClassroom(SAMPLE_REPORT);

  it('has the runner format the grading reporter reads, and adds up to the score', () => {
    expect({ version: result.version, status: result.status, max_score: result.max_score }).toEqual({ version: 1, status: 'error', max_score: 20 });
    expect(result.tests.reduce((sum, t) => sum + t.score, 0)).toBe(SAMPLE_REPORT.score);
    expect(result.tests.map((t) => t.status)).toEqual(['pass', 'fail', 'fail', 'error', 'fail', 'fail', 'fail', 'fail']);
  });

  it('adds up, as the reporter adds its scores, to exactly the score when points are tenths and fortieths', () => {
    const tests = [...Array<number>(80).fill(0.1), ...Array<number>(40).fill(0.025)].map((points, i) => ({ ...SAMPLE_REPORT.milestones[0]!.tests[0]!, id: `public/t.test.ts > t${i}`, name: `t${i}`, points, maxPoints: points }));
    const milestone = { ...SAMPLE_REPORT.milestones[0]!, tests, score: 9, maxScore: 9, status: 'passed' as const };
    const scores = toClassroom({ ...SAMPLE_REPORT, milestones: [milestone], score: 9, maxScore: 9 }).tests.map((t) => t.score);
    // The reporter (autograding-grading-reporter's notify-classroom.js) adds them in order, from 0.
    expect(scores.reduce((sum, score) => sum + score, 0)).toBe(9);
  });

  it('survives the base64 trip the reporter makes', () => {
    const encoded = Buffer.from(renderClassroom(SAMPLE_REPORT)).toString('base64');
    expect(JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'))).toEqual(result);
  });
});

(hasJunitparser() ? describe : describe.skip)(
  hasJunitparser() ? 'JUnit XML, read by junitparser' : `JUnit XML (skipped: ${JUNITPARSER_MISSING})`,
  () => {
    interface JunitCase {
      classname: string;
      name: string;
      results: { kind: string; message: string | null; text: string | null }[];
    }
    interface JunitSuite {
      name: string;
      tests: number;
      failures: number;
      errors: number;
      skipped: number;
      properties: Record<string, string>;
      cases: JunitCase[];
    }
    const read = (): { tests: number; failures: number; errors: number; skipped: number; suites: JunitSuite[] } =>
      JSON.parse(execa.sync(DEBIAN_PYTHON, [path.join(CONSUMERS, 'read-junit.py'), exported('junit')]).stdout);

    it('counts suites, tests, failures, errors and skips as the report has them', () => {
      const xml = read();
      expect([xml.tests, xml.failures, xml.errors, xml.skipped]).toEqual([8, 5, 1, 1]);
      expect(xml.suites.map((s) => [s.name, s.tests, s.failures, s.errors, s.skipped])).toEqual([
        ['m1-udp', 6, 3, 1, 1],
        ['m2-handshake', 2, 2, 0, 0],
      ]);
      expect(xml.suites[1]?.properties).toEqual({ score: '0', maxScore: '5', status: 'timeout', seed: '42', reason: SAMPLE_REPORT.milestones[1]?.reason });
    });

    it('keeps names and messages intact through escaping (a control character becomes U+FFFD)', () => {
      const failing = read().suites[0]?.cases[1];
      expect(failing?.classname).toBe('m1-udp.public.checksum');
      expect(failing?.name).toBe(NASTY_NAME);
      expect(failing?.results).toEqual([{ kind: 'Failure', message: 'expected "0x1234" <checksum> & more', text: NASTY_MESSAGE.replace('\u0001', '\uFFFD') }]);
      expect(read().suites[0]?.cases.map((c) => c.results[0]?.kind ?? 'passed')).toEqual(['passed', 'Failure', 'Skipped', 'Error', 'Failure', 'Failure']);
    });
  },
);

describe('TAP version 14, read by TAP::Parser (prove)', () => {
  interface TapTest {
    number: number;
    ok: boolean;
    description: string;
    directive: string;
    explanation: string;
    yaml?: Record<string, unknown>;
  }
  const read = (): { plan: string; tests: TapTest[]; failed: number[]; skipped: number[]; parse_errors: string[] } =>
    JSON.parse(execa.sync('perl', [path.join(CONSUMERS, 'read-tap.pl'), exported('tap')]).stdout);

  it('is read whole; the one complaint allowed is a parser older than TAP 14 naming the version line', () => {
    const tap = read();
    expect(tap.parse_errors.filter((e) => !/version 14/.test(e))).toEqual([]);
    expect(tap.plan).toBe('1..8');
    expect(tap.failed).toEqual([2, 4, 5, 6, 7, 8]);
    expect(tap.skipped).toEqual([3]);
    expect(tap.tests[2]).toMatchObject({ directive: 'SKIP', explanation: 'not run: jest reports it as skipped' });
  });

  it('a failure\'s YAML diagnostics hold its message exactly, and `#` in a name starts no directive', () => {
    const failing = read().tests[1];
    expect(failing?.description).toBe(`- m1-udp public/checksum.test.ts > ${NASTY_NAME.replace('#', '\\#')}`);
    expect(failing?.directive).toBe('');
    expect(failing?.yaml).toEqual({ message: NASTY_MESSAGE, severity: 'fail', points: '0', maxPoints: '3', category: 'checksum', artifacts: ['artifacts/m1/checksum.pcapng'] });
  });
});

describe('the terminal summary', () => {
  const summary = renderSummary(SAMPLE_REPORT);

  it('has a row per milestone and a total', () => {
    expect(summary).toMatch(/^m1-udp\s+4\/15\s+partial\s+2\s+4\s+1$/m);
    expect(summary).toMatch(/^m2-handshake\s+0\/5\s+timeout\s+0\s+2\s+0$/m);
    expect(summary).toMatch(/^total\s+4\/20$/m);
  });

  it('shows failing public tests by their first line, hidden ones by category, and why a milestone stopped', () => {
    expect(summary).toContain(`✗ ${NASTY_NAME}  (public/checksum.test.ts, failed)\n      expected "0x1234" <checksum> & more`);
    expect(summary).toContain('hidden tests: 1 of 3 passed (demux 1/2, icmp 0/1)');
    expect(summary).toContain('m2-handshake: timeout\n  the suites did not finish within the wall-time limit of 3 s');
    // The first failing public test's own command, as it works in the student's repository.
    expect(summary).toContain(`SOCKLAB_SEED=42 npx jest assignments/m1-udp/tests/public/checksum.test.ts -t '^checksum <odd> & "even" '\\''lengths'\\'' # 2$'`);
    expect(summary).not.toContain('SOCKLAB_SUBMISSION');
  });
});
