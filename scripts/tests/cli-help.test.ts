/**
 * Every command takes --help, typed the way a user types it (`npm run NAME -- --help`, the
 * `grader` command and its subcommands): it exits 0, says what the command does, its usage and its
 * exit statuses, and writes nothing — checked on the paths each command would write, not on the
 * whole tree, which other tests write in beside this one.
 */
import execa from 'execa';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMOS } from '../../demo/run';
import { mapLimited } from '../milestone-checks/parallel';

const ROOT = path.resolve(__dirname, '..', '..');
const GRADER = path.join(ROOT, 'grader', 'bin', 'grader.js');
/** Each command starts a node: a few at a time, on a machine shared with jest's other workers. */
const AT_ONCE = 4;
const TIME_LIMIT_MS = 120_000;

interface HelpCase {
  /** How a user types it. */
  readonly typed: string;
  readonly file: string;
  readonly args: readonly string[];
  /** Words of its description: what it does. */
  readonly says: string;
}

function npmRun(name: string, rest: readonly string[], says: string): HelpCase {
  return { typed: ['npm run', name, '--', ...rest].join(' '), file: 'npm', args: ['run', name, '--', ...rest], says };
}

function grader(args: readonly string[], says: string): HelpCase {
  return { typed: ['grader', ...args].join(' '), file: process.execPath, args: [GRADER, ...args], says };
}

const CASES: readonly HelpCase[] = [
  npmRun('bench', ['--help'], 'Measure the speed and memory figures'),
  npmRun('starter:build', ['--help'], 'Regenerate starter/'),
  npmRun('export:student', ['--help'], 'Write a standalone repository for students'),
  npmRun('grade', ['--help'], 'grade one submission'),
  npmRun('demo', ['--help'], "run one of socklab's demos"),
  ...DEMOS.map((demo) => npmRun('demo', [demo.name, '--help'], demo.summary)),
  npmRun('script', ['--help'], 'run packet scripts against a stack'),
  npmRun('interop', ['--help'], 'bulk TCP between a stack and the Linux kernel'),
  npmRun('check:milestone', ['--help'], "Check that a milestone's tests fail for the right reasons"),
  npmRun('script:stability', ['--help'], 'Run every portable packet script on Linux'),
  npmRun('mutation', ['--help'], 'Stryker over the reference files'),
  grader(['--help'], 'Grade socklab submissions'),
  grader(['run', '--help'], 'grade one submission'),
  grader(['validate', '--help'], 'check a report against'),
  grader(['export', '--help'], 'write exports of an existing report'),
];

/**
 * What the commands would write, were --help taken for a real run. Only those files: the tests of
 * the grader and the demos write beside them (artifacts/grader/tests/, a temporary pcap).
 */
const WATCHED = [
  'starter', // starter:build
  '--help', // export:student, taking --help for its folder
  ...['report.json', 'summary.txt'].map((file) => path.join('artifacts', 'grader', file)), // grade's default report and export
  ...DEMOS.map((demo) => path.join('artifacts', 'demo', `${demo.name}.pcapng`)), // the demos' default pcaps
  'mutation', // mutation's records and summaries
  ...fs.readdirSync(path.join(ROOT, 'assignments')).map((id) => path.join('assignments', id, 'mutants.verified.json')), // check:milestone
];

/** Every file under the watched paths, with its modification time. */
function snapshot(): Record<string, number> {
  const files: Record<string, number> = {};
  const visit = (relative: string): void => {
    const absolute = path.join(ROOT, relative);
    const stat = fs.lstatSync(absolute, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const entry of fs.readdirSync(absolute)) visit(path.join(relative, entry));
    else files[relative] = stat.mtimeMs;
  };
  for (const watched of WATCHED) visit(watched);
  return files;
}

const before = snapshot();
let runs: Map<HelpCase, execa.ExecaReturnValue>;
let after: Record<string, number>;

beforeAll(async () => {
  const results = await mapLimited(CASES, AT_ONCE, (help) => execa(help.file, [...help.args], { cwd: ROOT, reject: false, all: true, timeout: TIME_LIMIT_MS }));
  runs = new Map(CASES.map((help, i) => [help, results[i]!]));
  after = snapshot();
}, CASES.length * TIME_LIMIT_MS);

describe.each(CASES)('$typed', (help) => {
  it('exits 0 and prints what the command does, its usage and its exit statuses', () => {
    const run = runs.get(help)!;
    expect({ exitCode: run.exitCode, output: run.all }).toEqual({ exitCode: 0, output: expect.stringContaining(help.says) });
    expect(run.stdout).toMatch(/usage:/i);
    expect(run.stdout).toMatch(/^Exit status:\n {2}0 {2}\S/m);
  });
});

it('--help writes nothing', () => {
  expect(after).toEqual(before);
});
