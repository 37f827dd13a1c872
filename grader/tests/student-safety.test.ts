/**
 * What the exports must not show a student of the grading machine, and how much they may show:
 * a report graded as the grader grades a student repository (a staged copy of the stack in the
 * checkout, scratch folders in the temporary folder) whose messages name all of it, some of them
 * megabytes long.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { exactName, jestRerun } from '../../harness/testkit/rerun';
import { EXPORTS } from '../export';
import { MAX_CLASSROOM_BYTES } from '../../harness/jest-run/classroom-result';
import { renderClassroom, toClassroom } from '../export/classroom';
import { toGradescope } from '../export/gradescope';
import { scrubPaths, type MachinePaths } from '../export/machine-paths';
import { MAX_MESSAGE_CHARS, MAX_REASON_CHARS, MIN_MESSAGE_CHARS, studentReport } from '../export/student-report';
import { renderSummary } from '../export/summary';
import { capText, cleanMessage } from '../../harness/jest-run/message-text';
import type { Report, TestReport } from '../report';
import { IN_MEMORY, STUDENT_FORMATS } from './helpers';
import { SAMPLE_REPORT } from './sample-report';

const ROOT = path.resolve(__dirname, '..', '..');
const STAGED = path.join(ROOT, '.graded-stack-Xy12Zw');
const SCRATCH = path.join(os.tmpdir(), 'socklab-grade-a1B2c3');

/** A failure as the harness writes it when the grader runs a staged stack. */
const MACHINE_MESSAGE = [
  'NotImplemented: not implemented (m1: bind a UDP socket)',
  '',
  `seed:         1   (rerun just this: SOCKLAB_SEED=1 SOCKLAB_SUBMISSION=${STAGED} npx jest assignments/m1-udp/tests/public/bind.test.ts -t 'bind')`,
  `stack: ${STAGED} on the simulator`,
  `seed: 1   (rerun just this: npm run script -- --stack ${STAGED} assignments/m1-udp/tests/public/scripts/x.pkt --seed 1)`,
  `    at fromPortError (${ROOT}/harness/port/port-errors.ts:56:14)`,
  '    at processTicksAndRejections (node:internal/process/task_queues:95:5)',
  `    at Object.<anonymous> (${ROOT}/node_modules/jest-circus/build/utils.js:298:28)`,
  `    at UdpSocket.bind (${STAGED}/udp.ts:12:3)`,
  `    at file://${ROOT}/harness/sim/host.ts:53:47`,
  `results in ${SCRATCH}/results.json, cache in ${os.homedir()}/.npm/_cacache/index, /home/grader/course/x.ts and /root/.config/y`,
  `an old copy: ${path.join(ROOT, '.graded-stack-Old999')}/index.ts:1:1`,
].join('\n');

/** Strings of the grading machine that must be in no export. */
const MACHINE_STRINGS = [ROOT, STAGED, SCRATCH, os.tmpdir(), os.homedir(), '/home/', '/root', '.graded-stack', 'node_modules', 'SOCKLAB_SUBMISSION', '--stack'];

/** Any absolute path of two parts or more, but those every student has (`/dev/net/tun`). */
const ABSOLUTE_PATH = /(?<![\w.>:/\]])\/(?!dev\/|proc\/|sys\/)[\w.@+~-]+\/[\w.@+~-]+/;

function publicTest(name: string, message: string): TestReport {
  return {
    id: `public/bind.test.ts > ${name}`,
    file: 'public/bind.test.ts',
    name,
    points: 0,
    maxPoints: 1,
    status: 'failed',
    visibility: 'public',
    category: 'bind',
    durationMs: 5,
    message,
    artifacts: [],
  };
}

/** The sample report as graded on this machine, with `tests` as m1-udp's public tests. */
function gradedHere(tests: readonly TestReport[], reason = `the stack did not compile:\n${STAGED}/index.ts:3:1 - error TS1005`): Report {
  const [udp, handshake] = SAMPLE_REPORT.milestones;
  if (!udp || !handshake) throw new Error('the sample report has two milestones');
  return {
    ...SAMPLE_REPORT,
    submission: { ...SAMPLE_REPORT.submission, name: path.join(os.tmpdir(), 'socklab-submission-77', 'alice'), path: STAGED },
    assignments: path.join(ROOT, 'assignments'),
    milestones: [{ ...udp, tests: [...tests, ...udp.tests.filter((t) => t.visibility === 'hidden')] }, { ...handshake, reason }],
  };
}

const MACHINE_REPORT = gradedHere([
  publicTest('names the machine', MACHINE_MESSAGE),
  // A hostile stack's message: megabytes, paths all along.
  publicTest('a huge message', cleanMessage([`${MACHINE_MESSAGE}\n`.repeat(2000)])),
  publicTest('a huge message, uncut by the report', `${MACHINE_MESSAGE}\n`.repeat(2000)),
]);

describe.each(STUDENT_FORMATS)('%s', (format) => {
  const text = EXPORTS[format].render(MACHINE_REPORT, IN_MEMORY);

  it('holds no path of the grading machine and no command pointing at it', () => {
    for (const machine of MACHINE_STRINGS) expect({ machine, found: text.includes(machine) }).toEqual({ machine, found: false });
    expect(ABSOLUTE_PATH.exec(text)?.[0]).toBeUndefined();
  });

  it('is bounded: a few messages of at most the cap each, and the reason', () => {
    expect(text.length).toBeLessThan(4 * MAX_MESSAGE_CHARS + MAX_REASON_CHARS + 20_000);
  });
});

describe('what a student sees instead', () => {
  const message = toGradescope(MACHINE_REPORT).tests[0]?.output ?? '';

  it('paths relative to their repository, their stack as stack/, the rest as <grader>/<file>', () => {
    expect(message).toContain('at fromPortError (harness/port/port-errors.ts:56:14)');
    expect(message).toContain('at UdpSocket.bind (stack/udp.ts:12:3)');
    expect(message).toContain('at harness/sim/host.ts:53:47');
    expect(message).toContain('an old copy: stack/index.ts:1:1');
    expect(message).toContain('results in <grader>/results.json');
    expect(message).not.toMatch(/node:internal|jest-circus/);
  });

  it('rerun commands that work in their repository, where the tests load their own stack', () => {
    expect(message).toContain("SOCKLAB_SEED=1 npx jest assignments/m1-udp/tests/public/bind.test.ts -t 'bind'");
    expect(message).toContain('npm run script -- assignments/m1-udp/tests/public/scripts/x.pkt --seed 1)');
  });

  it('the submission by name, never by the folder graded', () => {
    const report = studentReport(MACHINE_REPORT);
    expect([report.submission.name, report.submission.path, report.assignments]).toEqual(['alice', 'stack/', 'assignments/']);
    expect(renderSummary(MACHINE_REPORT)).toMatch(/^socklab grader 0\.1\.0: alice \(/);
  });

  it('hidden tests only as what the exports count, the log and configuration errors not at all', () => {
    const report = studentReport(SAMPLE_REPORT);
    expect(JSON.stringify(report)).not.toContain('SECRET');
    expect(report.milestones[0]?.configErrors).toHaveLength(1);
  });
});

describe('caps', () => {
  it('each message at most MAX_MESSAGE_CHARS, cut with a marker saying how much', () => {
    for (const test of toClassroom(MACHINE_REPORT).tests.slice(1, 3)) {
      expect(test.message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
      expect(test.message).toMatch(/\n… \(\d+ more characters cut\)$/);
    }
  });

  it('a milestone reason at most MAX_REASON_CHARS', () => {
    const report = studentReport(gradedHere([], `${STAGED}/index.ts: error\n`.repeat(5000)));
    const reason = report.milestones[1]?.reason ?? '';
    expect(reason.length).toBeLessThanOrEqual(MAX_REASON_CHARS);
    expect(reason).toMatch(/^stack\/index\.ts: error\n/);
  });

  it('300 failing tests share a budget: each keeps its start, the export stays a few hundred kilobytes', () => {
    const many = gradedHere(Array.from({ length: 300 }, (_, i) => publicTest(`test ${i}`, cleanMessage([MACHINE_MESSAGE.repeat(30)]))));
    const outputs = toGradescope(many).tests.filter((t) => t.name.includes('› test '));
    expect(outputs).toHaveLength(300);
    for (const output of outputs.map((t) => t.output)) {
      expect(output.length).toBeLessThanOrEqual(MIN_MESSAGE_CHARS);
      expect(output).toMatch(/^NotImplemented: not implemented \(m1: bind a UDP socket\)\n\nseed: +1 +\(rerun just this: SOCKLAB_SEED=1 npx jest /);
    }
    for (const format of STUDENT_FORMATS) expect({ format, size: EXPORTS[format].render(many, IN_MEMORY).length < 400_000 }).toEqual({ format, size: true });
  });

  it('classroom.json fits the environment variable the reporter reads it from, each message keeping its start', () => {
    const many = gradedHere(Array.from({ length: 300 }, (_, i) => publicTest(`test ${i}`, cleanMessage([MACHINE_MESSAGE.repeat(30)]))));
    expect(Buffer.byteLength(renderClassroom(many))).toBeLessThanOrEqual(MAX_CLASSROOM_BYTES);
    const messages = toClassroom(many).tests.filter((t) => t.name.includes('› test ')).map((t) => t.message);
    expect(messages).toHaveLength(300);
    // 300 failures leave each about a hundred characters: the start of the error.
    for (const message of messages) expect(message).toMatch(/^NotImplemented: not implemented \(m1: bind a UDP socket\)[^]*\n… \(\d+ more characters cut\)$/);
    // A report that fits keeps the messages the other exports show.
    expect(toClassroom(MACHINE_REPORT).tests[0]?.message).toBe(toGradescope(MACHINE_REPORT).tests[0]?.output);
  });

  it('capText counts what it cut, splits no character, and leaves its own output alone', () => {
    const cut = capText('ab😀'.repeat(1000), 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(cut).toMatch(/^(ab😀)*(ab?)?\n… \(\d+ more characters cut\)$/u);
    expect(cut.indexOf('\n') + Number(/(\d+) more/.exec(cut)?.[1])).toBe(4000);
    expect(capText(cut, 100)).toBe(cut);
  });
});

describe('scrubPaths', () => {
  const paths: MachinePaths = { submission: ['/srv/g/.graded-stack-1'], assignments: ['/course/assignments'], root: ['/srv/g'], other: ['/tmp'] };

  it('leaves what is not a path of the machine', () => {
    const text = 'tun: /dev/net/tun cannot be opened; 10.0.0.1/24, TCP/IP, 1/2, https://example.com/a/b, artifacts/m1/x.pcapng';
    expect(scrubPaths(text, paths)).toBe(text);
  });

  it('keeps folder boundaries and sentences, and is the same applied twice', () => {
    const text = 'in /srv/g. and /srv/g2/x.ts, /course/assignments/m1-udp/tests/public/a.test.ts:3:1, /tmp, /srv/g/.graded-stack-1.';
    const once = scrubPaths(text, paths);
    expect(once).toBe('in ./. and <grader>/x.ts, assignments/m1-udp/tests/public/a.test.ts:3:1, <grader>, stack/.');
    expect(scrubPaths(once, paths)).toBe(once);
  });

  it('takes paths out of colon-joined lists too (module.paths, PATH), URLs still left alone', () => {
    expect(scrubPaths('stack/node_modules:/srv/g/node_modules:/srv/node_modules:/node_modules and http://example.com/a/b', paths)).toBe(
      'stack/node_modules:node_modules:<grader>/node_modules:/node_modules and http://example.com/a/b',
    );
  });
});

describe('the rerun command of a failing network test', () => {
  it('matches exactly its test, whatever the name holds', () => {
    const name = 'accept queue once accept() makes room, Length 8 + payload? [x] $1 a.b';
    expect(new RegExp(exactName(name)).test(name)).toBe(true);
    expect(new RegExp(exactName('accept')).test(name)).toBe(false);
  });

  it('names the test file where a repository has it, even graded from another assignments folder', () => {
    expect(jestRerun(7, path.join(ROOT, 'assignments/m1-udp/tests/public/bind.test.ts'), "it's")).toBe(
      "SOCKLAB_SEED=7 npx jest assignments/m1-udp/tests/public/bind.test.ts -t '^it'\\''s$'",
    );
    expect(jestRerun(7, '/course/assignments/m1-udp/tests/public/bind.test.ts', 'x')).toBe("SOCKLAB_SEED=7 npx jest assignments/m1-udp/tests/public/bind.test.ts -t '^x$'");
  });
});

describe('the summary, printed on a terminal', () => {
  // What a red-team stack put in its error messages and file names: a title, the clipboard, a link,
  // a terminal reset, a device control string, an 8-bit CSI, and a carriage return that prints
  // "all passed" over the line before it.
  const HOSTILE = 'bind failed \u001b]0;PWNED\u0007 \u001b]52;c;cHduZWQ=\u0007 \u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007 \u009b31mred \u001bc \u001bP+q\u001b\\ \u001b[1mbold\u001b[0m\r  ✓ all 191 tests passed, score 15/15';
  const report = gradedHere([publicTest('a hostile message', HOSTILE)]);
  const summary = renderSummary({ ...report, submission: { ...report.submission, refused: [{ path: 'evil\u001b]0;T\u0007\rname.ts', reason: 'a FIFO' }] } });

  it('keeps no escape sequence and no control character but the line feed, and no carriage return to print over a line', () => {
    // eslint-disable-next-line no-control-regex -- control characters are what must be absent.
    expect(summary.match(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g) ?? []).toEqual([]);
    expect(summary).not.toMatch(/PWNED|cHduZWQ|evil\.example/);
  });

  it('an escape sequence left open hides no more than the rest of its line', () => {
    const open = renderSummary(gradedHere([publicTest('an open sequence', 'bind failed \u001b]0;never closed')]));
    expect(open).toContain('bind failed');
    expect(open).toContain('the stack did not compile');
  });

  it('keeps the text around them', () => {
    expect(summary).toContain('bind failed');
    expect(summary).toContain('evil name.ts');
    // The fake line stays inside the message's line, where it cannot pass for the grader's.
    expect(summary).not.toMatch(/^\s*✓ all 191/m);
  });
});
