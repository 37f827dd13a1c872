/**
 * `npm run export:student`, without the network: what an exported repository holds, how its stack
 * is chosen, and the leak check — passing on a fresh export, failing on a hidden test or a
 * reference solution copied into one. (The npm round trip and grading an export back are in the
 * other export-student test files.)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listMilestones } from '../../grader/milestone';
import { studentStackDir } from '../../harness/loader';
import { exportStudent, ExportRefused, type ExportPlan } from '../export-student/export';
import { frameworkFiles } from '../export-student/framework-files';
import { findLeaks, readRepository } from '../export-student/leak-check';
import type { Lockfile } from '../export-student/lock-graph';
import { milestoneFiles } from '../export-student/milestone-files';
import type { PackageJson } from '../export-student/package-json';
import { frameworkSecrets } from '../export-student/secrets';
import { splitSolution } from '../export-student/solution-lines';
import { classroomWorkflow, testWorkflow } from '../export-student/workflows';
import { readTree, REFERENCE_DIR, REPO_ROOT, STARTER_DIR } from '../starter/files';

const milestones = listMilestones();
const secrets = frameworkSecrets(REPO_ROOT);
const scratchRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'socklab-export-test-'));
const scratch = (): string => fs.mkdtempSync(path.join(scratchRoot, 'x-'));
const dir = scratch();
let plan: ExportPlan;

beforeAll(() => {
  plan = exportStudent(dir);
});

afterAll(() => fs.rmSync(scratchRoot, { recursive: true, force: true }));

const readJson = <T>(file: string, root: string = dir): T => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as T;

describe('an exported student repository', () => {
  it('holds the starter as stack/, the harness and the demos without their own tests, the student guide, and each milestone’s handout and public tests', () => {
    const files = [...readRepository(dir).keys()];
    const tops = new Set(files.map((file) => file.split('/')[0]));
    expect([...tops].sort()).toEqual(['.github', '.gitignore', 'README.md', 'assignments', 'demo', 'docs', 'harness', 'jest.config.js', 'package-lock.json', 'package.json', 'socklab.json', 'stack', 'tsconfig.json']);

    for (const [file, text] of readTree(STARTER_DIR)) expect(fs.readFileSync(path.join(dir, 'stack', file), 'utf8')).toBe(text);
    expect(files.filter((file) => file.startsWith('stack/')).length).toBe(readTree(STARTER_DIR).size);

    const vendored = frameworkFiles(REPO_ROOT);
    expect(files.filter((file) => /^(harness|demo|docs)\//.test(file)).sort()).toEqual([...vendored, 'harness/README.md'].sort());
    expect(vendored.filter((file) => file.startsWith('demo/'))).toContain('demo/run.ts');
    expect(files).toContain('docs/student-guide.md');
    expect(files.filter((file) => /^(harness|demo)\/(.*\/)?(tests|testing)\//.test(file))).toEqual([]);

    // m2's public tests use m1's support files: every milestone's public files, each once.
    const publicFiles = new Set<string>();
    for (const id of milestones) {
      const exported = milestoneFiles(REPO_ROOT, id).publicFiles;
      expect(exported).toContain(`assignments/${id}/README.md`);
      for (const file of exported) publicFiles.add(file);
    }
    expect(files.filter((file) => file.startsWith('assignments/')).sort()).toEqual([...publicFiles].sort());
    // The figures a handout shows go with it: m4's cwnd plots.
    expect(files).toContain('assignments/m4-congestion-control/handout/lossy-path-1-percent.svg');
    expect(files.filter((file) => /\/(hidden|mutants)\/|milestone\.json$|mutants\.json$/.test(file))).toEqual([]);
  });

  it('writes the harness, the demos and the guide read-only, and says so in harness/README.md and in its own README', () => {
    for (const file of frameworkFiles(REPO_ROOT)) expect(fs.statSync(path.join(dir, file)).mode & 0o222).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'harness', 'README.md'), 'utf8')).toMatch(/read-only[\s\S]*Do not edit it/);
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain('Do not edit `harness/`');
  });

  it('starts its README with the two commands', () => {
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toMatch(/^# .*\n\n```sh\nnpm ci\nnpm test\n```\n/);
  });

  it('depends on only what the student side uses, with a lockfile taken from socklab’s own', () => {
    const pkg = readJson<PackageJson>('package.json');
    const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    expect(names).toEqual(expect.arrayContaining(['jest', 'ts-jest', 'typescript', 'pure-rand']));
    for (const tool of ['ajv', 'commander', 'cli-progress', 'eslint']) expect(names).not.toContain(tool);
    expect(pkg.scripts?.test).toBe('npm run typecheck && jest');
    // The packet-script and demo commands are socklab's own, running the CLIs the export vendors.
    const ours = readJson<PackageJson>('package.json', REPO_ROOT).scripts;
    expect({ script: pkg.scripts?.script, demo: pkg.scripts?.demo }).toEqual({ script: ours?.script, demo: ours?.demo });
    expect(fs.existsSync(path.join(dir, 'harness', 'script', 'cli.ts'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'demo', 'run.ts'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'harness', 'typescript', 'register.js'))).toBe(true);

    const lock = readJson<Lockfile>('package-lock.json');
    const ourLock = readJson<Lockfile>('package-lock.json', REPO_ROOT);
    expect(lock.packages['']).toEqual({ name: pkg.name, version: pkg.version, engines: pkg.engines, dependencies: pkg.dependencies, devDependencies: pkg.devDependencies });
    for (const [location, entry] of Object.entries(lock.packages)) {
      if (location === '') continue;
      expect({ location, version: entry.version, integrity: entry.integrity }).toEqual({ location, version: ourLock.packages[location]?.version, integrity: ourLock.packages[location]?.integrity });
    }
  });

  it('holds the autograding and the test workflows (export-student-workflows.test.ts checks them)', () => {
    for (const [file, text] of [classroomWorkflow(), testWorkflow()]) expect(fs.readFileSync(path.join(dir, file), 'utf8')).toBe(text);
    expect(fs.readdirSync(path.join(dir, '.github', 'workflows')).sort()).toEqual(['classroom.yml', 'test.yml']);
  });

  it('names its stack in socklab.json, which makes stack/ the default stack under test', () => {
    expect(studentStackDir(dir)).toBe(path.join(dir, 'stack'));
    // socklab's own repository has no socklab.json: its default stays the reference.
    expect(studentStackDir(REPO_ROOT)).toBeUndefined();
  });

  it('is the plan it returned, file for file', () => {
    expect([...readRepository(dir)]).toEqual(expect.arrayContaining([...plan].map(([file, { text }]) => [file, text])));
    expect(readRepository(dir).size).toBe(plan.size);
  });
});

describe('socklab.json', () => {
  it.each(['../reference', '/etc', 'a/b', '..', 42])('refuses a stack of %p: it must be one folder beside harness/', (stack) => {
    const root = scratch();
    fs.writeFileSync(path.join(root, 'socklab.json'), JSON.stringify({ stack }));
    expect(() => studentStackDir(root)).toThrow(/"stack" must name one folder beside harness\//);
  });
});

describe('the leak check', () => {
  it('finds nothing in a fresh export', () => {
    expect(findLeaks(readRepository(dir), secrets)).toEqual([]);
  });

  it('finds a hidden test copied into the export, by its name and its titles', () => {
    const hidden = 'assignments/m1-udp/tests/hidden/bind.test.ts';
    const copy = path.join(dir, hidden);
    fs.mkdirSync(path.dirname(copy), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, hidden), copy);
    try {
      const leaks = findLeaks(readRepository(dir), secrets);
      expect(leaks).toContain(`${hidden}: its path contains "hidden/bind.test.ts" (name of a hidden test file of m1-udp)`);
      expect(leaks).toContainEqual(expect.stringMatching(/^assignments\/m1-udp\/tests\/hidden\/bind\.test\.ts: ".+" \(title of a hidden test in m1-udp\/tests\/hidden\/bind\.test\.ts\)$/));
    } finally {
      fs.rmSync(path.join(dir, 'assignments/m1-udp/tests/hidden'), { recursive: true });
    }
  });

  it('finds every hidden test file by its lines and titles, even renamed into the public tests', () => {
    const files = readRepository(dir);
    for (const id of milestones) {
      for (const hidden of milestoneFiles(REPO_ROOT, id).hiddenTests) {
        const renamed = new Map(files).set(`assignments/${id}/tests/public/renamed.test.ts`, fs.readFileSync(path.join(REPO_ROOT, hidden), 'utf8'));
        expect({ hidden, leaks: findLeaks(renamed, secrets).length > 0 }).toEqual({ hidden, leaks: true });
      }
    }
  });

  it('finds a reference solution pasted into stack/, line by line', () => {
    const files = new Map(readRepository(dir)).set('stack/checksum.ts', fs.readFileSync(path.join(REFERENCE_DIR, 'checksum.ts'), 'utf8'));
    const leaks = findLeaks(files, secrets);
    expect(leaks.length).toBeGreaterThan(3);
    expect(leaks.every((leak) => /^stack\/checksum\.ts:\d+: .+ \(solution of reference\/checksum\.ts:\d+ \(m1: .+\)\)$/.test(leak))).toBe(true);
  });

  it('does not count a line students get anyway: a lone `}` or `return;` in a solution region', () => {
    const solutionLines = new Set(
      [...readTree(REFERENCE_DIR)].filter(([file]) => file.endsWith('.ts') && !file.startsWith('tests/')).flatMap(([file, text]) => splitSolution(file, text).solution.map((line) => line.text)),
    );
    for (const line of ['}', 'return;']) expect({ line, solution: solutionLines.has(line), secret: secrets.lines.has(line) }).toEqual({ line, solution: true, secret: false });
  });
});

describe('export:student refuses', () => {
  it('a folder that is not empty', () => {
    expect(() => exportStudent(dir)).toThrow(ExportRefused);
  });

  it('an unknown milestone, naming the ones there are', () => {
    expect(() => exportStudent(scratch(), ['m9-nothing'])).toThrow(/no milestone m9-nothing \(there are: .*m1-udp/);
  });
});
