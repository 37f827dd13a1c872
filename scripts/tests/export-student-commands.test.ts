/**
 * Every command the student repository's documents give works as written there: its README, the
 * student guide and each handout, run in an export whose stack is finished (the reference's code in
 * `stack/`), after `npm ci`, from a student's shell. A command that names a folder the repository
 * does not have, an npm script it lacks, or an option a CLI refuses fails here.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readTree, REPO_ROOT } from '../starter/files';
import { documentedCommands } from './documented-commands';
import { commandFailure, studentNpm, studentNpmCi, studentShell } from './student-shell';

const NPM_CI_LIMIT_MS = 8 * 60_000;
const COMMAND_LIMIT_MS = 3 * 60_000;
const SETUP_LIMIT_MS = 12 * 60_000;
/**
 * One at a time: each command is a jest run with workers of its own, beside the suite's own
 * workers, and more at once starve the real-time Linux suites that share the machine (a packet
 * script on Linux failed its timing in CI with two).
 */
const CONCURRENCY = 1;

const dir = path.join(os.tmpdir(), `socklab-export-commands-${process.pid}-${Date.now()}`);

/** The documents a student repository gives its reader, relative to its root. */
function studentDocuments(root: string): string[] {
  const handouts = fs.readdirSync(path.join(root, 'assignments')).map((id) => `assignments/${id}/README.md`);
  return ['README.md', 'docs/student-guide.md', ...handouts].filter((file) => fs.existsSync(path.join(root, file)));
}

/** Replace the export's starter with the reference's code: a finished stack, for which every command succeeds. */
function finishStack(root: string): void {
  const stack = path.join(root, 'stack');
  fs.rmSync(stack, { recursive: true });
  for (const [file, text] of readTree(path.join(REPO_ROOT, 'reference'))) {
    if (file.split('/').includes('tests')) continue;
    fs.mkdirSync(path.dirname(path.join(stack, file)), { recursive: true });
    fs.writeFileSync(path.join(stack, file), text);
  }
}

/** Each distinct command with the documents that give it. `npm ci` is the setup itself, run before. */
function commandsToRun(root: string): Map<string, string[]> {
  const commands = new Map<string, string[]>();
  for (const document of studentDocuments(root)) {
    for (const command of documentedCommands(fs.readFileSync(path.join(root, document), 'utf8'))) {
      if (command === 'npm ci') continue;
      commands.set(command, [...(commands.get(command) ?? []), document]);
    }
  }
  return commands;
}

let failures: string[] = [];
let ran: string[] = [];

beforeAll(async () => {
  const exported = await studentNpm(['run', 'export:student', '--', dir], REPO_ROOT, COMMAND_LIMIT_MS);
  if (exported.exitCode !== 0) throw commandFailure('npm run export:student', exported);
  finishStack(dir);
  const ci = await studentNpmCi(dir, NPM_CI_LIMIT_MS);
  if (ci.exitCode !== 0) throw commandFailure('npm ci in the exported repository', ci, ': it installs from the npm registry; is the registry reachable from here?');
  const queue = [...commandsToRun(dir)];
  ran = queue.map(([command]) => command);
  const results: string[] = [];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const [command, documents] = next;
      const run = await studentShell(command, dir, COMMAND_LIMIT_MS);
      if (run.exitCode !== 0) results.push(`${commandFailure(`\`${command}\` (from ${documents.join(', ')})`, run).message}\n`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  failures = results;
}, SETUP_LIMIT_MS);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the commands of an exported repository's README, student guide and handouts", () => {
  it('include running the tests, one packet script and the demos', () => {
    expect(ran).toEqual(expect.arrayContaining(['npm test', expect.stringMatching(/^npm run script -- \S+\.pkt/), expect.stringMatching(/^npm run demo -- temperature-udp/)]));
  });

  it('each exit 0 on a finished stack, as written', () => {
    expect(failures).toEqual([]);
  });
});
