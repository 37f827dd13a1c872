/**
 * The temperature demo over TUN: Linux clients in the namespace the demo prints ask it, over UDP
 * and TCP, and hear "42 C"; it stops when told and leaves no agent. The TUN parts are skipped,
 * with the cause, where the TUN bridge cannot run.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { readPcapng } from '../../harness/phy/pcapng-reader';
import { checkPcapWithTshark, tsharkAvailable } from '../../harness/phy/tshark';
import { commandPath } from '../../harness/phy/tun/namespace-command';
import { liveAgents } from '../../harness/phy/tun/tun-agent';
import { describeTun } from '../../harness/phy/tun/tun-suite';
import { hasNc, NC_MISSING } from '../../harness/phy/tun/nc';
import { collectIo } from '../lib/io';
import { scratchDir } from './demo-checks';
import { runDemo } from '../run';
import { run, type TemperatureTunRun } from '../temperature-tun';

const execFileAsync = promisify(execFile);
/** How long the demo may take to say how to ask it. */
const PATIENCE_MS = 20_000;
/** What a client may wait for an answer: then it gives up (and the test fails on its output). */
const CLIENT_SECONDS = 5;

const dir = scratchDir('socklab-demo-tun-');

/** The demo, running, with its output so far and the commands it printed. */
interface Running {
  readonly done: Promise<TemperatureTunRun>;
  readonly text: () => string;
  /** The two printed command lines: UDP, then TCP. */
  readonly commands: readonly [string, string];
  /** The printed `nsenter ...` that enters the namespace. */
  readonly enter: readonly string[];
  readonly agentPid: number;
}

/** Start the demo with `args` and wait until it says how to ask it. */
async function startDemo(args: readonly string[]): Promise<Running> {
  const io = collectIo();
  let finished = false;
  const done = run(args, io).finally(() => (finished = true));
  const endMs = performance.now() + PATIENCE_MS;
  const printed = (): string[] => io.lines.filter((line) => /\| nsenter .* nc /.test(line));
  while (printed().length < 2) {
    if (finished || performance.now() > endMs) throw new Error(`the demo never printed its commands:\n${io.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const [udp, tcp] = printed().map((line) => line.trim());
  const enter = /\| (nsenter .*?) nc /.exec(udp!)![1]!.split(' ');
  return { done, text: io.text, commands: [udp!, tcp!], enter, agentPid: Number(/\/proc\/(\d+)\//.exec(udp!)![1]) };
}

/** Run `script` with bash in the demo's namespace, entered as the demo printed. */
async function inNamespace(running: Running, script: string): Promise<string> {
  const [command, ...args] = running.enter;
  const { stdout } = await execFileAsync(command!, [...args, 'bash', '-c', script], { env: { ...process.env, PATH: commandPath() }, timeout: (CLIENT_SECONDS + 5) * 1000 });
  return stdout;
}

describeTun('npm run demo -- temperature-tun', () => {
  it('Linux clients in the printed namespace ask over UDP and TCP and hear "42 C"; it stops after --requests 2 and leaves nothing', async () => {
    const pcap = path.join(dir(), 'ask.pcapng');
    const running = await startDemo(['--requests', '2', '--seconds', '60', '--pcap', pcap]);
    // bash's own /dev/udp and /dev/tcp: a client that every machine with bash has.
    const udp = await inNamespace(running, `exec 3<>/dev/udp/10.0.0.2/4242; printf 'temp?\\n' >&3; timeout ${CLIENT_SECONDS} head -n 1 <&3`);
    const tcp = await inNamespace(running, `exec 3<>/dev/tcp/10.0.0.2/4242; printf 'temp?\\n' >&3; timeout ${CLIENT_SECONDS} cat <&3`);
    expect({ udp, tcp }).toEqual({ udp: '42 C\n', tcp: '42 C\n' });
    const { status, served } = await running.done;
    expect(status).toBe(0);
    expect(served.map((s) => `${s.protocol} from ${s.from.address}: ${JSON.stringify(s.request)} → ${JSON.stringify(s.answer)}`)).toEqual([
      'UDP from 10.0.0.1: "temp?\\n" → "42 C\\n"',
      'TCP from 10.0.0.1: "temp?\\n" → "42 C\\n"',
    ]);
    expect(running.text()).toContain('Stopped after 2 answers');
    expect(fs.existsSync(`/proc/${running.agentPid}`)).toBe(false);
    expect(liveAgents()).toEqual([]);
    const file = readPcapng(fs.readFileSync(pcap));
    // UDP: the question and the answer; TCP: handshake, question, answer, and the close, with ACKs.
    expect(file.ok && file.value.records.length).toBeGreaterThanOrEqual(2 + 7);
    if (tsharkAvailable()) expect(await checkPcapWithTshark(pcap)).toEqual([]);
  });

  const withNc = hasNc() ? it : it.skip;
  withNc(`the printed nc commands work as printed${hasNc() ? '' : ` — skipped: ${NC_MISSING}`}`, async () => {
    const running = await startDemo(['--requests', '2', '--seconds', '60', '--pcap', path.join(dir(), 'nc.pcapng')]);
    for (const command of running.commands) {
      const { stdout } = await execFileAsync('bash', ['-c', command], { env: { ...process.env, PATH: commandPath() }, timeout: (CLIENT_SECONDS + 5) * 1000 });
      expect(stdout).toBe('42 C\n');
    }
    expect((await running.done).status).toBe(0);
  });

  it("on the starter: the stack's missing bind is explained, the exit status is 1, and the agent is gone", async () => {
    const io = collectIo();
    const result = await run(['--stack', 'starter', '--pcap', path.join(dir(), 'starter.pcapng')], io);
    expect(result).toEqual({ status: 1, served: [] });
    expect(io.text()).toContain('FAILED: The starter stack is not finished: not implemented (m1: ');
    expect(liveAgents()).toEqual([]);
  });
});

describe('npm run demo -- temperature-tun, its command line', () => {
  it('--help prints the usage; a bad option or --client-stack exits 2 with it', async () => {
    const help = collectIo();
    expect((await run(['--help'], help)).status).toBe(0);
    expect(help.text()).toContain('usage: npm run demo -- temperature-tun');
    for (const args of [['--frobnicate'], ['--client-stack', 'reference'], ['--requests', '0'], ['--seconds']]) {
      const io = collectIo();
      expect((await run(args, io)).status).toBe(2);
      expect(io.text()).toContain('usage: npm run demo -- temperature-tun');
    }
  });

  it('is listed by npm run demo', async () => {
    const io = collectIo();
    expect(await runDemo([], io)).toBe(2);
    expect(io.text()).toContain('temperature-tun');
  });
});
