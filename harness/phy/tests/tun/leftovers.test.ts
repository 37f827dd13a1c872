/**
 * After a TUN run, nothing is left: no agent or other process of the run, no namespace it made,
 * no named namespace, no socklab interface in the host's namespace, no agent held. Checked from
 * the outside (leftovers.ts) after a child jest ran passing and failing TUN tests, and after a
 * harness process was killed outright; and the check is shown to find what a run does leave.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { tunRun, TUN_RUN_ENV } from '../../tun/agent-launch';
import { commandPath, unshareArgs } from '../../tun/namespace-command';
import { TunAgent } from '../../tun/tun-agent';
import { describeTun } from '../../tun/tun-suite';
import { NAMESPACES_LOG_ENV, notedNamespaces } from './fixtures/namespaces-log';
import { findLeftovers, namedNamespaces, NOTHING_LEFT, uptimeSeconds } from './leftovers';
import { alive, goneWithin } from '../../../testing/processes';

const ROOT = path.resolve(__dirname, '../../../..');
const FIXTURES = path.join(__dirname, 'fixtures');
/** How long a killed process may take to be gone. */
const PATIENCE_MS = 5000;

/** The child jest's configuration: this repository's, for the fixture run alone. */
const FIXTURE_CONFIG = {
  rootDir: ROOT,
  testMatch: [`${FIXTURES}/*.fixture.ts`],
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': path.join(ROOT, 'jest-transform.js') },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Real time: a cold agent start and a 5 s wait for the datagram must fit in one test on a loaded machine.
  testTimeout: 60_000,
};

interface JestReport {
  readonly testResults: readonly {
    readonly message: string;
    readonly assertionResults: readonly { readonly title: string; readonly status: string; readonly failureMessages: readonly string[] }[];
  }[];
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'socklab-leftovers-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A name for one run, unique to this test. */
function runName(label: string): string {
  return `leftovers-${process.pid}-${label}`;
}

/** The first line `child` writes on stdout. */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    child.once('exit', (code) => reject(new Error(`the child exited (${code}) before it said anything: ${err}`)));
  });
}

describeTun('what a TUN run leaves behind', () => {
  it('a child jest ran a passing test, a failing one and a forgetful one: nothing is left', async () => {
    const run = runName('jest');
    const log = path.join(dir, 'jest-namespaces');
    const report = path.join(dir, 'report.json');
    const baseline = namedNamespaces();
    const jest = require.resolve('jest/bin/jest');
    const args = [jest, '--config', JSON.stringify(FIXTURE_CONFIG), '--ci', '--runInBand', '--json', `--outputFile=${report}`];
    const env = { ...process.env, [TUN_RUN_ENV]: run, [NAMESPACES_LOG_ENV]: log };
    // The fixture's run fails (on purpose): the report says how.
    await promisify(execFile)(process.execPath, args, { cwd: ROOT, env }).catch(() => undefined);
    const endedAt = uptimeSeconds();

    const { testResults } = JSON.parse(fs.readFileSync(report, 'utf8')) as JestReport;
    const results = testResults.flatMap((file) => file.assertionResults);
    // A failure shows its first line, so that an unexpected one says why.
    const outcome = (test: (typeof results)[number]): string => `${test.title}: ${test.status}${test.failureMessages.length > 0 ? ` (${test.failureMessages[0]!.split('\n')[0]})` : ''}`;
    expect(results.map(outcome)).toEqual([
      'passes: a datagram from Linux reaches the stack: passed',
      'fails: its body throws: failed (Error: failed on purpose)',
      'forgets to close its agent: passed',
    ]);
    expect(testResults.map((file) => file.message).join('\n')).toContain('the suite ended with TUN agents still running');
    const namespaces = notedNamespaces(log);
    expect(namespaces).toHaveLength(3);
    expect(findLeftovers(run, namespaces, baseline, endedAt)).toEqual(NOTHING_LEFT);
  });

  it('a harness killed outright takes its agent with it', async () => {
    const run = runName('killed');
    const baseline = namedNamespaces();
    const harness = spawn(process.execPath, ['-r', path.join(ROOT, 'harness', 'typescript', 'register.js'), path.join(FIXTURES, 'hold-agent.ts')], {
      cwd: ROOT,
      env: { ...process.env, [TUN_RUN_ENV]: run },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const [pid, netns] = (await firstLine(harness)).split(' ');
      expect(alive(Number(pid))).toBe(true);
      harness.kill('SIGKILL');
      const endedAt = uptimeSeconds();
      expect(await goneWithin(Number(pid), PATIENCE_MS)).toBe(true);
      expect(findLeftovers(run, [netns!], baseline, endedAt)).toEqual(NOTHING_LEFT);
    } finally {
      harness.kill('SIGKILL');
    }
  });

  it('the check finds what a run does leave: a process in a namespace of its own, and a live agent', async () => {
    const run = runName('leak');
    const baseline = namedNamespaces();
    // A namespace left behind on purpose: a process of the run that outlives it, in a namespace of its own.
    const leaked = spawn('unshare', [...unshareArgs(), 'sleep', '60'], { env: { ...process.env, PATH: commandPath(), [TUN_RUN_ENV]: run }, stdio: 'ignore' });
    try {
      const pid = leaked.pid!;
      const hostNetns = fs.readlinkSync('/proc/self/ns/net');
      const endMs = performance.now() + PATIENCE_MS;
      // unshare makes the namespace, then execs sleep in it.
      while (fs.readlinkSync(`/proc/${pid}/ns/net`) === hostNetns && performance.now() < endMs) await new Promise((resolve) => setTimeout(resolve, 10));
      const netns = fs.readlinkSync(`/proc/${pid}/ns/net`);
      const found = findLeftovers(run, [netns], baseline);
      expect(found.processes).toEqual([expect.stringMatching(new RegExp(`^${pid} `))]);
      expect(found.namespaceHolders).toEqual([expect.stringMatching(new RegExp(`^${pid} .*${netns.replace(/[[\]]/g, '\\$&')}$`))]);
      // To another run the same process is no holder of a namespace with that number: Linux reuses
      // the numbers, and the test files beside a run start namespaces of their own.
      expect(findLeftovers(runName('other'), [netns], baseline).namespaceHolders).toEqual([]);
    } finally {
      leaked.kill('SIGKILL');
    }

    const agent = await TunAgent.start({ linuxAddress: '10.0.0.1', peerAddress: '10.0.0.2' });
    try {
      const found = findLeftovers(tunRun(), [agent.netns], baseline);
      expect(found.liveAgents).toEqual([agent.pid]);
      expect(found.processes).toContainEqual(expect.stringMatching(new RegExp(`^${agent.pid} `)));
      expect(found.namespaceHolders).toContainEqual(expect.stringMatching(new RegExp(`^${agent.pid} `)));
    } finally {
      await agent.close();
    }
    expect(findLeftovers(tunRun(), [agent.netns], baseline)).toEqual(NOTHING_LEFT);
  });
});
