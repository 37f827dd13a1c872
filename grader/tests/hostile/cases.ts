/**
 * The adversarial corpus: hostile submissions, each built at test time into a scratch folder (a
 * FIFO, a 3 GiB sparse file or a link to / cannot be committed), with the verdict the grader must
 * reach. hostile.test.ts grades each with `grader run` and checks it; the checks every case gets
 * (exit 0, a valid report, no secret, hidden test or machine path in any export, no file left
 * outside the staging folder, no connection to the test's listeners) are there, not here.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MilestoneStatus } from '../../report';
import { CLAIMS_SUCCESS, DO_NOTHING, hangsInSendto, literal, probeStack, replaced } from './stacks';

/** What a case's build may plant in its stack: where the test listens, what nothing may create. */
export interface Context {
  /** The repository's root: a staged stack lies right below it. */
  readonly root: string;
  /** The fixture assignments folder (m0-fixture). */
  readonly assignments: string;
  /** A TCP port on 127.0.0.1, a UDP port on 127.0.0.1 and a unix socket the test listens on. */
  readonly tcpPort: number;
  readonly udpPort: number;
  readonly unixSocket: string;
  /** Files that no stack may create (the test checks that none exists after each grading). */
  readonly markers: readonly string[];
  /** The name of the environment variable the grader holds a secret in. */
  readonly secretName: string;
}

/** The verdict a case must get. */
export interface Verdict {
  /** The milestone's status: one of these. */
  readonly status: readonly MilestoneStatus[];
  /** The score: exactly this, or within [min, max]. */
  readonly score: number | readonly [number, number];
  /** The milestone's reason must match this (and exist). */
  readonly reason?: RegExp;
  /** The reason or a test message of the report must match this: evidence that the attack ran and how it ended. */
  readonly says?: RegExp;
  /** Refusals that report.submission.refused must list: [path, reason]. */
  readonly refused?: readonly (readonly [string, RegExp])[];
  /** The whole `grader run`, in seconds, at most. */
  readonly maxSeconds: number;
}

/** Which milestone a case is graded against. */
export type Target = 'fixture' | 'shared-fixture' | 'm1-udp';

export interface HostileCase {
  readonly name: string;
  /** Write the submission into the empty folder `dir`; returns the folder to grade, if not `dir`. */
  readonly build: (dir: string, ctx: Context) => string | void;
  readonly target: Target;
  readonly verdict: Verdict;
  /** Strings that must be in no export (beyond those every case checks). */
  readonly forbidden?: readonly string[];
  /** Takes gigabytes while it runs: never graded beside another such case. */
  readonly heavy?: boolean;
}

// ---- building blocks ----------------------------------------------------------------------------

function write(dir: string, relative: string, text: string | Buffer): void {
  const file = path.join(dir, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** A copy of the reference stack (its sources, not its tests): a stack that earns every point of the fixture milestone. */
function copyReference(ctx: Context, dir: string): void {
  fs.cpSync(path.join(ctx.root, 'reference'), dir, { recursive: true, filter: (source) => path.basename(source) !== 'tests' });
}

/** A student repository: `socklab.json` (as `config` makes it) beside a working `stack/` folder. */
function studentRepo(dir: string, ctx: Context, config: (file: string) => void): string {
  copyReference(ctx, path.join(dir, 'stack'));
  config(path.join(dir, 'socklab.json'));
  return dir;
}

/** A link to each file and folder of the reference stack (not its tests) that `wanted` names, by absolute path. */
function linkReference(ctx: Context, dir: string, wanted: (name: string) => boolean = () => true): void {
  const reference = path.join(ctx.root, 'reference');
  for (const name of fs.readdirSync(reference)) {
    if (name !== 'tests' && wanted(name)) fs.symlinkSync(path.join(reference, name), path.join(dir, name));
  }
}

function mkfifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

/** A 3 GiB file that takes no disk: a hole. */
function sparse(file: string, bytes = 3 * 1024 ** 3): void {
  fs.writeFileSync(file, '');
  fs.truncateSync(file, bytes);
}

/** A character device where the system allows making one (root with CAP_MKNOD), else a unix socket: a file that is neither file nor folder. */
function specialFile(file: string): void {
  try {
    execFileSync('mknod', [file, 'c', '1', '3'], { stdio: 'ignore' });
  } catch {
    execFileSync('python3', ['-c', 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])', file]);
  }
}

/** A hidden test's file of the fixture milestone, and its milestone.json (which names every hidden test). */
const hiddenTest = (ctx: Context): string => path.join(ctx.assignments, 'm0-fixture', 'tests', 'hidden', 'reply.test.ts');
const milestoneJson = (ctx: Context): string => path.join(ctx.assignments, 'm0-fixture', 'milestone.json');

/** Seconds a fixture grading takes at most here, two at a time on two cores (about 8 s alone). */
const FIXTURE_SECONDS = 45;

// ---- the corpus ---------------------------------------------------------------------------------

export const CASES: readonly HostileCase[] = [
  {
    name: 'links to the assignments, read when the stack loads and put in every error',
    target: 'fixture',
    build: (dir, ctx) => {
      fs.symlinkSync(ctx.assignments, path.join(dir, 'assignments'));
      // Dangling here, but beside harness/ (where a stack is staged) it would name the course's assignments.
      fs.symlinkSync('../assignments', path.join(dir, 'up'));
      fs.symlinkSync(milestoneJson(ctx), path.join(dir, 'milestone.json'));
      fs.symlinkSync(hiddenTest(ctx), path.join(dir, 'hidden.ts'));
      write(
        dir,
        'index.ts',
        probeStack(`
// The stack's own messages never name what it reads: only what it got.
const hide = (run: () => unknown) => () => {
  try {
    return run();
  } catch (error) {
    throw new Error(firstLine(error).replace(/\\.{0,2}\\/[^\\s']+/g, '<path>'));
  }
};
// A milestone.json names every hidden test: the names are what a student would want.
const names = (milestone: { tests: { name: string }[] }) => milestone.tests.map((test) => test.name).reverse().join(', ');
attempt('the milestone through a file link', hide(() => names(load('./milestone.json'))));
attempt('the milestone through a folder link', hide(() => names(load('./assignments/m0-fixture/milestone.json'))));
attempt('a milestone through ../assignments', hide(() => names(load('./up/m1-udp/milestone.json'))));
attempt('the milestone by its absolute path', hide(() => names(load(${literal(milestoneJson(ctx))}))));
const declared = (source: string) => source.split('\\n').filter((line) => line.includes('netTest(')).join(' ');
attempt('the hidden test through a file link', hide(() => declared(readText(__dirname + '/hidden.ts'))));
attempt('the hidden test through a folder link', hide(() => declared(readText(__dirname + '/assignments/m0-fixture/tests/hidden/reply.test.ts'))));
attempt('the hidden test by its absolute path', hide(() => declared(readText(${literal(hiddenTest(ctx))}))));
attempt('the hidden test loaded as a module', hide(() => Object.keys(load('./hidden'))));
`),
      );
    },
    verdict: {
      status: ['failed'],
      score: 0,
      says: /the hidden test through a file link: refused/,
      refused: [
        ['assignments', /symbolic link to .*not a file or folder of the submission/],
        ['hidden.ts', /not a file or folder of the submission/],
        ['milestone.json', /not a file or folder of the submission/],
        ['up', /symbolic link to \.\.\/assignments, which is not a file or folder of the submission/],
      ],
      maxSeconds: FIXTURE_SECONDS,
    },
  },
  {
    name: 'every file of the reference linked into the submission, index.ts too',
    target: 'fixture',
    build: (dir, ctx) => linkReference(ctx, dir),
    verdict: {
      status: ['error'],
      score: 0,
      reason: /^the submission's index\.ts was left out of the graded copy: it is a symbolic link to .*not a file or folder of the submission/,
      refused: [
        ['index.ts', /symbolic link to .*not a file or folder of the submission/],
        ['kernel.ts', /not a file or folder of the submission/],
        ['tcp', /not a file or folder of the submission/],
      ],
      maxSeconds: FIXTURE_SECONDS,
    },
  },
  {
    name: 'an index.ts of its own over links to the reference’s files and folders (absolute, and ../reference as beside harness/), graded on m1-udp',
    target: 'm1-udp',
    build: (dir, ctx) => {
      linkReference(ctx, dir, (name) => name !== 'index.ts');
      fs.symlinkSync(path.join(ctx.root, 'reference'), path.join(dir, 'reference'));
      fs.symlinkSync('../reference', path.join(dir, 'up'));
      write(
        dir,
        'index.ts',
        `import type { CreateKernel } from '../harness/contract';
const tried: string[] = [];
let found: CreateKernel | undefined;
for (const way of ['./kernel', './reference/index', './up/index', '../reference/index']) {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(way) as { createKernel?: CreateKernel; SocklabKernel?: new (env: unknown) => unknown };
    found ??= loaded.createKernel ?? (loaded.SocklabKernel && (((env) => new loaded.SocklabKernel!(env)) as CreateKernel));
  } catch (error) {
    tried.push(way + ': ' + (error as Error).message.split('\\n')[0]);
  }
}
export const createKernel: CreateKernel = found ?? (() => { throw new Error('no reference to borrow: ' + tried.join('; ')); });
`,
      );
    },
    verdict: {
      status: ['failed'],
      score: 0,
      says: /no reference to borrow/,
      refused: [
        ['kernel.ts', /symbolic link to .*not a file or folder of the submission/],
        ['reference', /not a file or folder of the submission/],
        ['up', /symbolic link to \.\.\/reference, which is not a file or folder of the submission/],
      ],
      maxSeconds: 100,
    },
  },
  {
    name: 'a link to / and a walk up /proc for the grader’s environment',
    target: 'fixture',
    build: (dir, ctx) => {
      fs.symlinkSync('/', path.join(dir, 'root'));
      write(
        dir,
        'index.ts',
        probeStack(`
const SECRET = ${literal(ctx.secretName)};
const secretIn = (environ: string) => environ.split('\\0').find((entry) => entry.startsWith(SECRET + '=')) ?? 'no secret there';
let pid = process.ppid;
for (let depth = 0; depth < 8 && pid > 1; depth++) {
  attempt('the environment of ancestor ' + depth, () => secretIn(readText('/proc/' + pid + '/environ')));
  attempt('the environment of ancestor ' + depth + ' through the link', () => secretIn(readText(__dirname + '/root/proc/' + pid + '/environ')));
  try {
    pid = Number(/PPid:\\s*(\\d+)/.exec(readText('/proc/' + pid + '/status'))?.[1] ?? 0);
  } catch {
    break;
  }
}
attempt('every environment in /proc', () => {
  const fs = fsModule();
  return fs.readdirSync('/proc').filter((entry: string) => /^\\d+$/.test(entry)).map((entry: string) => { try { return secretIn(fs.readFileSync('/proc/' + entry + '/environ', 'latin1')); } catch { return ''; } }).find((hit: string) => hit.startsWith(SECRET)) ?? 'no secret anywhere';
});
found.push('its own environment: ' + JSON.stringify(process.env));
attempt('an environment loaded as a module through the link', () => String(load('./root/proc/self/environ')));
attempt('a file of the machine through the link', () => readText(__dirname + '/root/etc/hostname'));
`),
      );
    },
    verdict: { status: ['failed'], score: 0, says: /the environment of ancestor 0: refused/, refused: [['root', /symbolic link to \/, which is not a file or folder of the submission/]], maxSeconds: FIXTURE_SECONDS },
  },
  {
    name: 'a spy connecting out: TCP and HTTP to 127.0.0.1, a unix socket, UDP, fetch, by every way to load net',
    target: 'fixture',
    build: (dir, ctx) =>
      write(
        dir,
        'index.ts',
        probeStack(`
const PORT = ${ctx.tcpPort};
const UDP = ${ctx.udpPort};
const UNIX = ${literal(ctx.unixSocket)};
const quiet = (socket: any) => { socket.on?.('error', () => undefined); return socket; };
function spy(): void {
  attempt('net to 127.0.0.1', () => quiet(load('node:net').connect(PORT, '127.0.0.1')).write('spy'));
  attempt('net to the unix socket', () => quiet(load('net').connect(UNIX)).write('spy'));
  attempt('net by Module._load', () => quiet((module.constructor as any)._load('net').connect(UNIX)));
  attempt('net by getBuiltinModule', () => quiet((process as any).getBuiltinModule('node:net').connect(PORT, '127.0.0.1')));
  attempt('http', () => quiet(load('node:http').get('http://127.0.0.1:' + PORT + '/spy')));
  attempt('fetch', () => fetch('http://127.0.0.1:' + PORT + '/spy'));
  attempt('fetch by globalThis', () => (globalThis as any).fetch('http://127.0.0.1:' + PORT + '/spy'));
  attempt('WebSocket', () => new (globalThis as any).WebSocket('ws://127.0.0.1:' + PORT + '/'));
  attempt('dgram', () => { const socket = quiet(load('node:dgram').createSocket('udp4')); socket.send('spy', UDP, '127.0.0.1'); return socket; });
  attempt('tls', () => quiet(load('tls').connect(PORT, '127.0.0.1')));
  attempt('http2', () => quiet(load('http2').connect('http://127.0.0.1:' + PORT)));
  attempt('dns', () => load('dns').lookup('localhost', () => undefined));
  attempt('undici, a package', () => load('undici'));
  attempt('the tcp binding', () => (process as any).binding('tcp_wrap'));
  attempt('a worker', () => new (load('worker_threads').Worker)('1', { eval: true }));
  attempt('a child process', () => load('child_process').execFileSync('true'));
}
spy();
`),
      ),
    verdict: { status: ['failed'], score: 0, says: /net to the unix socket: refused \(Access to this API has been restricted: a stack under test may not load node:net/, maxSeconds: FIXTURE_SECONDS },
  },
  {
    name: 'trace events, V8 flags, heap snapshots, the transpile cache, files written anywhere',
    target: 'fixture',
    build: (dir, ctx) => {
      const cache = path.join(ctx.root, 'node_modules', '.cache', 'socklab-kernel-js');
      const entry = fs.existsSync(cache) ? fs.readdirSync(cache).find((name) => name.endsWith('.json')) : undefined;
      write(
        dir,
        'index.ts',
        probeStack(`
// Files first: a heap snapshot, if it were allowed, could take the process down before the rest.
for (const marker of ${JSON.stringify(ctx.markers)}) attempt('writing ' + marker, () => fsModule().writeFileSync(marker, 'x'));
attempt('writing in its own folder', () => fsModule().writeFileSync('hostile-marker', 'x'));
// node:path is not among the modules a stack may load.
const CHECKOUT = __dirname.slice(0, __dirname.lastIndexOf('/'));
for (const where of [CHECKOUT, '/tmp']) {
  try { process.chdir(where); } catch { /* the trace file would then go to the kernel's own folder */ }
  attempt('trace events in ' + where, () => load('node:trace_events').createTracing({ categories: ['node', 'v8'] }).enable());
}
attempt('trace events by getBuiltinModule', () => (process as any).getBuiltinModule('trace_events').createTracing({ categories: ['node'] }).enable());
attempt('V8 flags', () => load('node:v8').setFlagsFromString('--trace-gc'));
attempt('the inspector', () => load('inspector').open(0));
attempt('the transpile cache, listed', () => fsModule().readdirSync(${literal(cache)}).length);
attempt('the transpile cache, loaded', () => JSON.stringify(load(${literal(path.join(cache, entry ?? 'none.json'))})).slice(0, 80));
attempt('a package of the checkout', () => load('../node_modules/typescript/package.json').version);
attempt('the checkout’s package.json', () => load('../package.json').name);
attempt('eval', () => eval('1 + 1'));
attempt('new Function', () => new Function('return 2')());
attempt('a child process that writes', () => load('child_process').execFileSync('touch', ${JSON.stringify(ctx.markers)}));
attempt('a heap snapshot', () => load('v8').writeHeapSnapshot());
`),
      );
    },
    verdict: { status: ['failed'], score: 0, says: /trace events in \/tmp: refused \(Access to this API has been restricted: a stack under test may not load node:trace_events/, maxSeconds: FIXTURE_SECONDS },
  },
  {
    name: 'a 3 GiB sparse file beside a working stack',
    target: 'fixture',
    build: (dir, ctx) => {
      copyReference(ctx, dir);
      sparse(path.join(dir, 'huge.bin'));
    },
    verdict: { status: ['passed'], score: 10, refused: [['huge.bin', /it is 3221225472 bytes, over the limit of 1048576 bytes per file/]], maxSeconds: FIXTURE_SECONDS },
  },
  {
    name: 'an expression nested 3,000 deep',
    target: 'fixture',
    build: (dir) => {
      write(dir, 'index.ts', `${DO_NOTHING}export { deep } from './deep';\n`);
      write(dir, 'deep.ts', `export const deep = ${'('.repeat(3000)}1${')'.repeat(3000)};\n`);
    },
    verdict: { status: ['error'], score: 0, reason: /^the submission does not compile:\ndeep\.ts: the compiler cannot read this file: it is nested too deeply/, maxSeconds: FIXTURE_SECONDS },
  },
  {
    name: 'a student repository whose socklab.json is a link to /dev/zero',
    target: 'fixture',
    build: (dir, ctx) => studentRepo(dir, ctx, (file) => fs.symlinkSync('/dev/zero', file)),
    verdict: { status: ['error'], score: 0, reason: /socklab\.json must be a regular file/, maxSeconds: FIXTURE_SECONDS },
  },
  {
    name: 'a student repository whose socklab.json is a FIFO',
    target: 'fixture',
    build: (dir, ctx) => studentRepo(dir, ctx, mkfifo),
    verdict: { status: ['error'], score: 0, reason: /socklab\.json must be a regular file/, maxSeconds: FIXTURE_SECONDS },
  },
  {
    name: 'a student repository whose socklab.json is a 3 GiB sparse file',
    target: 'fixture',
    build: (dir, ctx) => studentRepo(dir, ctx, (file) => sparse(file)),
    verdict: { status: ['error'], score: 0, reason: /socklab\.json is 3221225472 bytes/, maxSeconds: FIXTURE_SECONDS },
  },
  {
    name: 'a student repository whose stack folder is a link to the reference',
    target: 'fixture',
    build: (dir, ctx) => {
      fs.symlinkSync(path.join(ctx.root, 'reference'), path.join(dir, 'stack'));
      write(dir, 'socklab.json', JSON.stringify({ stack: 'stack' }));
      return dir;
    },
    verdict: { status: ['error'], score: 0, reason: /has no stack folder at .* \(a folder, not a link\)/, maxSeconds: FIXTURE_SECONDS },
  },
  {
    name: 'a FIFO, a device, an unreadable file, 2,100 files and a file over 1 MiB beside a working stack',
    target: 'fixture',
    build: (dir, ctx) => {
      copyReference(ctx, dir);
      mkfifo(path.join(dir, 'pipe'));
      specialFile(path.join(dir, 'device'));
      write(dir, 'locked.ts', 'export const locked = 1;\n');
      fs.chmodSync(path.join(dir, 'locked.ts'), 0o000);
      write(dir, 'big.bin', Buffer.alloc(1024 * 1024 + 1, 7));
      // Named to come after the stack's own files: the surplus files are refused, not the stack's.
      for (let i = 0; i < 2100; i++) write(dir, `zz-many/${String(i).padStart(4, '0')}.txt`, `${i}\n`);
    },
    verdict: {
      status: ['passed'],
      score: 10,
      refused: [
        ['pipe', /it is a named pipe, not a regular file/],
        ['device', /it is a (character device|socket), not a regular file/],
        ['big.bin', /it is 1048577 bytes, over the limit of 1048576 bytes per file/],
        ['zz-many/2099.txt', /the submission has more than 2000 files/],
        // Root reads any file: an unreadable one is refused only where the grader is not root.
        ...(process.getuid?.() === 0 ? [] : [['locked.ts', /it cannot be read \(EACCES\)/] as const]),
      ],
      maxSeconds: FIXTURE_SECONDS,
    },
  },
  {
    name: 'a call that loops forever (busy)',
    target: 'fixture',
    build: (dir) => write(dir, 'index.ts', hangsInSendto('for (;;) { /* spins */ }')),
    verdict: { status: ['partial'], score: 2, says: /did not return from sendto\(.*\) within \d+ ms/, maxSeconds: FIXTURE_SECONDS },
  },
  {
    name: 'a call that blocks forever without using the CPU',
    target: 'fixture',
    build: (dir) => write(dir, 'index.ts', hangsInSendto('Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); return 0;')),
    verdict: { status: ['partial'], score: 2, says: /did not return from sendto\(.*\) within \d+ ms/, maxSeconds: FIXTURE_SECONDS },
  },
  {
    name: 'a stack that loops forever while it loads',
    target: 'fixture',
    build: (dir) => write(dir, 'index.ts', `for (;;) { /* spins */ }\n${DO_NOTHING}`),
    // Each worker waits out the loading limit (10 s) once; its later kernels get the same reason at once.
    verdict: { status: ['failed'], score: 0, says: /did not finish loading within \d+ ms/, maxSeconds: 60 },
  },
  {
    name: 'fake jest results, summaries, TAP and Gradescope JSON on stdout and stderr',
    target: 'fixture',
    build: (dir) =>
      write(
        dir,
        'index.ts',
        `import type { CreateKernel, Kernel } from '../harness/contract';
const FAKES = [
  JSON.stringify({ success: true, numFailedTests: 0, numPassedTests: 3, numTotalTests: 3, testResults: [{ name: 'x', status: 'passed', assertionResults: [{ title: 'a reply', fullName: 'a reply', status: 'passed' }] }] }),
  'm0-fixture  10/10  passed  3  0  0', 'total       10/10',
  'TAP version 13', '1..3', 'ok 1 - m0-fixture', 'ok 2', 'ok 3',
  JSON.stringify({ score: 10, tests: [{ score: 10, max_score: 10, status: 'passed' }] }),
  '<testsuites tests="3" failures="0"><testsuite name="m0-fixture" tests="3" failures="0"/></testsuites>',
  JSON.stringify({ kind: 'result', test: 'udp sockets a new socket gets fd 3', status: 'passed' }),
];
const shout = () => { for (const fake of FAKES) { process.stdout.write(fake + '\\n'); process.stderr.write(fake + '\\n'); console.log(fake); } };
shout();
export const createKernel: CreateKernel = () => {
  shout();
  return new Proxy({} as Kernel, {
    get: (_target, name) => {
      if (name === 'nextDeadline') return () => undefined;
      return () => { shout(); throw new Error('this stack only prints'); };
    },
  });
};
`,
      ),
    verdict: { status: ['failed'], score: 0, says: /this stack only prints/, maxSeconds: FIXTURE_SECONDS },
  },
  {
    name: 'a stack that signals the judge',
    target: 'fixture',
    build: (dir) =>
      write(
        dir,
        'index.ts',
        replaced(
          probeStack(`
attempt('signal 0 to the judge', () => process.kill(process.ppid, 0));
attempt('signal 0 by _kill', () => (process as any)._kill(process.ppid, 0));
`),
          "throw new Error('probe: ' + found.join(' | '));",
          "process.kill(process.ppid, 'SIGKILL');\n        throw new Error('probe: ' + found.join(' | '));",
        ),
      ),
    verdict: { status: ['failed'], score: 0, says: /may not signal processes/, maxSeconds: FIXTURE_SECONDS },
  },
  {
    name: 'a stack that exits its process in a call',
    target: 'fixture',
    build: (dir) => write(dir, 'index.ts', replaced(DO_NOTHING, '() => () => undefined', "() => () => process.exit(0)")),
    verdict: { status: ['failed'], score: 0, says: /the stack under test exited the process \(code 0\)/, maxSeconds: FIXTURE_SECONDS },
  },
  {
    name: 'a stack that forges the replies of its own process on the IPC channel',
    target: 'fixture',
    build: (dir) =>
      write(
        dir,
        'index.ts',
        `import type { CreateKernel, Kernel } from '../harness/contract';
const forge = () => {
  for (let first = 1; first < 6; first++) {
    process.send?.({ kind: 'replies', first, replies: [{ transmitted: [], nextDeadline: undefined, outcome: { ok: true, value: 3 } }] });
  }
  process.send?.({ kind: 'hello', text: 'not a reply' });
};
export const createKernel: CreateKernel = () =>
  new Proxy({} as Kernel, {
    get: (_target, name) => {
      if (name === 'nextDeadline') return () => undefined;
      // The true answers are wrong: only a forged reply could pass a test.
      return () => { forge(); return 7; };
    },
  });
`,
      ),
    verdict: { status: ['failed'], score: 0, says: /sent the harness a message of its own/, maxSeconds: FIXTURE_SECONDS },
  },
  {
    name: '5 GiB of Buffers, 64 MiB at a time, while loading',
    target: 'fixture',
    heavy: true,
    build: (dir) =>
      write(
        dir,
        'index.ts',
        `const held: Buffer[] = [];
for (let mb = 0; mb < 5 * 1024; mb += 64) held.push(Buffer.alloc(64 * 1024 * 1024, 1));
${replaced(DO_NOTHING, '() => () => undefined', "() => () => { throw new Error('holding ' + held.length * 64 + ' MiB'); }")}`,
      ),
    // Passes with or without the run's memory budget (grader/budget.ts): under it the allocation fails (address-space
    // limit) or a process is killed (control group) and the tests say so; on a machine with neither, the 5 GiB are
    // had and every call fails. On a loaded machine a worker's load may instead outlive the start limit, so the two
    // workers' tests can fail for different reasons, and the milestone then has no shared one: the tests tell.
    verdict: { status: ['failed', 'error'], score: 0, says: /allocation failed|memory|holding \d+ MiB|did not finish loading/, maxSeconds: 90 },
  },
  {
    name: 'a heap that grows until the process dies',
    target: 'fixture',
    build: (dir) =>
      write(
        dir,
        'index.ts',
        // While loading, where no call's CPU limit comes first: growing a heap to its limit takes seconds of CPU.
        `const held: number[][] = [];
for (;;) held.push(new Array(100_000).fill(held.length));
${DO_NOTHING}`,
      ),
    verdict: { status: ['failed', 'error'], score: 0, reason: /out of memory|memory budget/, maxSeconds: FIXTURE_SECONDS },
  },
  {
    name: 'a stack that does nothing',
    target: 'fixture',
    build: (dir) => write(dir, 'index.ts', DO_NOTHING),
    verdict: { status: ['failed'], score: 0, maxSeconds: FIXTURE_SECONDS },
  },
  {
    name: 'a stack that claims every call succeeded but sends and receives nothing: only the fd test’s points',
    target: 'fixture',
    build: (dir) => write(dir, 'index.ts', CLAIMS_SUCCESS),
    verdict: { status: ['partial'], score: 2, maxSeconds: FIXTURE_SECONDS },
  },
  {
    name: 'the machine’s paths, its arguments and its environment in every message',
    target: 'fixture',
    build: (dir) =>
      write(
        dir,
        'index.ts',
        probeStack(`
found.push('file: ' + __filename, 'folder: ' + __dirname, 'cwd: ' + process.cwd(), 'node: ' + process.execPath);
found.push('argv: ' + process.argv.join(' ').slice(0, 2000), 'execArgv: ' + process.execArgv.join(' '), 'env: ' + JSON.stringify(process.env));
found.push('module paths: ' + module.paths.join(':'), 'trace: ' + (new Error('here').stack ?? ''));
`),
      ),
    verdict: { status: ['failed'], score: 0, says: /probe: file: /, maxSeconds: FIXTURE_SECONDS },
  },
  {
    name: 'a stack that keeps what hidden tests gave it and tells it in a later public test',
    target: 'shared-fixture',
    build: (dir) =>
      write(
        dir,
        'index.ts',
        `import type { CreateKernel, Kernel } from '../harness/contract';
// Were one process to serve several test files, what a hidden test gave would be kept here: no reload of modules resets globalThis.
const seen: string[] = ((globalThis as { seen?: string[] }).seen ??= []);
export const createKernel: CreateKernel = () =>
  new Proxy({} as Kernel, {
    get: (_target, name) => {
      if (name === 'nextDeadline') return () => undefined;
      if (name === 'socket') return () => { if (seen.length > 0) throw new Error('earlier tests gave me: ' + seen.join(', ')); return 3; };
      if (name === 'sendto') return (_fd: number, data: Uint8Array) => { seen.push(new TextDecoder().decode(data)); return data.length; };
      return () => undefined;
    },
  });
`,
      ),
    forbidden: ['HIDDEN-PAYLOAD'],
    verdict: { status: ['failed', 'partial'], score: [0, 1], maxSeconds: FIXTURE_SECONDS },
  },
];
