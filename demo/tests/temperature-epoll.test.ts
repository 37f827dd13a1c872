/**
 * The epoll demo: on the simulator, one event loop on the reference serves a crowd, told call by
 * call for the first client and in figures for the rest; over TUN, the same loop serves Linux's nc
 * clients (skipped, with the cause, where the TUN bridge or nc cannot run).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readPcapng } from '../../harness/phy/pcapng-reader';
import { checkPcapWithTshark, tsharkAvailable } from '../../harness/phy/tshark';
import { liveAgents } from '../../harness/phy/tun/tun-agent';
import { describeTun } from '../../harness/phy/tun/tun-suite';
import { hasNc, NC_MISSING } from '../../harness/phy/tun/nc';
import { collectIo, type DemoIo } from '../lib/io';
import { WALL_TIME } from '../lib/loop-tally';
import { MAX_EVENTS } from '../lib/temperature-loop';
import { checkPcapAndSeed, NO_REFERENCE, scratchDir, withReference } from './demo-checks';
import { runDemo } from '../run';
import { run } from '../temperature-epoll';

/** Enough clients for the loop to fall behind in scene 3, few enough for a run of a second. */
const CLIENTS = 40;
/** A crowd's run: the demo with CLIENTS clients. */
const crowdRun = (args: readonly string[], io: DemoIo): ReturnType<typeof run> => run(['--clients', String(CLIENTS), ...args], io);

const dir = scratchDir('socklab-demo-epoll-');

describe('npm run demo -- temperature-epoll', () => {
  withReference(`on the reference: one loop serves ${CLIENTS} clients, the first told call by call, the crowd in figures; exit 0${NO_REFERENCE}`, async () => {
    const io = collectIo();
    const pcap = path.join(dir(), 'reference.pcapng');
    const result = await crowdRun(['--pcap', pcap], io);
    const text = io.text();
    expect(result.status).toBe(0);
    expect(text).not.toContain('FAILED');
    // Scene 1: the listener nonblocking and registered; its readiness, accept until EAGAIN; the connection registered, then reported with its request.
    expect(text).toContain('[ 0.000000 s] server: fcntl(3, F_SETFL, O_NONBLOCK) = 0');
    expect(text).toContain('[ 0.000000 s] server: epoll_ctl(4, EPOLL_CTL_ADD, 3, EPOLLIN) = 0');
    expect(text).toContain('[ 0.003000 s] server: epoll_wait(4, 256, -1) = 1 [fd 3: EPOLLIN]');
    expect(text).toContain('[ 0.003000 s] server: accept(3) → EAGAIN (errno 11)');
    expect(text).toContain('[ 0.003000 s] server: epoll_ctl(4, EPOLL_CTL_ADD, 5, EPOLLIN) = 0');
    expect(text).toContain('[ 0.003000 s] server: epoll_wait(4, 256, -1) = 1 [fd 5: EPOLLIN]');
    // The answer 50 µs after the request: the work of answering.
    expect(text).toContain('[ 0.003050 s] server: send(5, "42 C") = 4');
    expect(text).toContain('[ 0.004050 s] client1: recv(3, 1500) = 4 "42 C"');
    // Scene 2: every other client connects, and each connection is registered.
    expect(text).toContain(`    ${CLIENTS - 1} [S], ${CLIENTS - 1} [S.], ${CLIENTS - 1} [.]`);
    expect(text).toContain(`${CLIENTS} fds in the interest list`);
    // Scene 3: asked faster than it answers, the loop takes several ready connections per wait.
    const perWait = [...text.matchAll(/server: epoll_wait\(4, 256, -1\) = +(\d+) +\((\d+) registered/g)].map((match) => Number(match[1]));
    expect(Math.max(...perWait)).toBeGreaterThan(1);
    expect(perWait.reduce((sum, events) => sum + events, 0)).toBe(CLIENTS - 1);
    expect(result.figures).toMatchObject({ answered: CLIENTS, accepted: CLIENTS, mostRegistered: CLIENTS, mostEvents: Math.max(...perWait), timeouts: 0 });
    expect(result.figures!.mostEvents).toBeLessThanOrEqual(MAX_EVENTS);
    expect(text).toContain(`  clients served        ${CLIENTS} of ${CLIENTS}`);
    expect(text).toMatch(/ {2}virtual time {10}0\.2\d{5} s/);
    // Each conversation: the handshake, the request, the answer, a FIN and an ACK each way.
    const file = readPcapng(fs.readFileSync(pcap));
    expect(file.ok && file.value.records.length).toBe(9 * CLIENTS);
  });

  checkPcapAndSeed(crowdRun, dir, new RegExp(`^ {2}${WALL_TIME} `));

  it('on the starter: names the missing m2 stub and the handout, exits 1, no stack trace and no figures', async () => {
    const io = collectIo();
    const result = await run(['--stack', 'starter', '--clients', '2', '--pcap', path.join(dir(), 'starter.pcapng')], io);
    const text = io.text();
    expect(result.status).toBe(1);
    expect(text).toContain('server: bind(3, 0.0.0.0:4242) → not implemented (m2: bind a TCP socket');
    expect(text).toContain('FAILED: The starter stack is not finished: not implemented (m2: ');
    expect(text).toContain('assignments/m2-handshake/README.md');
    expect(text).not.toContain('In figures');
    expect(text).not.toMatch(/^\s+at /m);
  });

  withReference(`with the starter as the clients' stack only, blames the clients' stack${NO_REFERENCE}`, async () => {
    const io = collectIo();
    const result = await run(['--client-stack', 'starter', '--clients', '2', '--pcap', path.join(dir(), 'clients.pcapng')], io);
    expect(result.status).toBe(1);
    expect(io.text()).toContain('client1: connect(3, 10.0.0.2:4242) → not implemented (m2: ');
    expect(io.text()).toContain('FAILED: The starter stack is not finished');
  });

  it('--help tells --clients and --tun; a bad command line exits 2 with the usage', async () => {
    const help = collectIo();
    expect((await run(['--help'], help)).status).toBe(0);
    expect(help.text()).toContain('usage: npm run demo -- temperature-epoll [--stack S] [--client-stack S] [--seed N] [--pcap FILE] [--clients N] [--tun]');
    for (const args of [['--frobnicate'], ['--clients', '1'], ['--clients', 'many'], ['--clients', '100000'], ['--tun', '--clients', '101'], ['--tun', '--client-stack', 'reference']]) {
      const io = collectIo();
      expect((await run(args, io)).status).toBe(2);
      expect(io.text()).toContain('usage: npm run demo -- temperature-epoll');
    }
  });

  it('is listed by npm run demo', async () => {
    const io = collectIo();
    expect(await runDemo([], io)).toBe(2);
    expect(io.text()).toContain('temperature-epoll');
  });
});

describeTun('npm run demo -- temperature-epoll --tun', () => {
  const withNc = hasNc() ? it : it.skip;
  const noNc = hasNc() ? '' : ` — skipped: ${NC_MISSING}`;

  withNc(`the loop on the reference answers every one of the nc clients Linux runs at once, and leaves no agent${noNc}`, async () => {
    const io = collectIo();
    const pcap = path.join(dir(), 'tun.pcapng');
    const clients = 8;
    const result = await run(['--tun', '--clients', String(clients), '--pcap', pcap], io);
    expect(result.status).toBe(0);
    expect(result.heard?.map((heard) => heard.output)).toEqual(new Array(clients).fill('42 C\n'));
    expect(result.figures).toMatchObject({ answered: clients, accepted: clients });
    expect(io.text()).toContain(`${clients} nc processes at once, each:  echo 'temp?' | nsenter `);
    expect(io.text()).toContain(`${clients} of ${clients} nc clients printed "42 C"`);
    expect(io.text()).toMatch(/TCP 10\.0\.0\.1:\d+ asked "temp\?\\n", answered "42 C\\n"/);
    expect(liveAgents()).toEqual([]);
    // Each conversation: at least the handshake, the request, the answer, and a FIN each way.
    const file = readPcapng(fs.readFileSync(pcap));
    expect(file.ok && file.value.records.length).toBeGreaterThanOrEqual(6 * clients);
    if (tsharkAvailable()) expect(await checkPcapWithTshark(pcap)).toEqual([]);
  });

  withNc(`on the starter: the stack's missing bind is explained, the exit status is 1, and the agent is gone${noNc}`, async () => {
    const io = collectIo();
    const result = await run(['--tun', '--stack', 'starter', '--pcap', path.join(dir(), 'tun-starter.pcapng')], io);
    expect(result.status).toBe(1);
    expect(io.text()).toContain('FAILED: The starter stack is not finished: not implemented (m2: ');
    expect(liveAgents()).toEqual([]);
  });
});
