/**
 * `npm run demo -- temperature-epoll`: the temperature service as one epoll event loop, serving a
 * crowd at once, on the simulator; with `--tun`, serving Linux's nc clients (lib/epoll-over-tun.ts).
 *
 * The server (10.0.0.2, `--stack`) runs one event loop (lib/temperature-loop.ts): a nonblocking
 * listener and every connection in one epoll instance, and no call that waits but epoll_wait.
 * `--clients N` clients (1000 unless told; `--client-stack`), each on a host of its own behind a
 * router (lib/star.ts), ask it for the temperature. Three scenes:
 *
 * 1. one client, told call by call: epoll_wait reports the listener, the loop accepts until
 *    EAGAIN and registers the connection, which epoll_wait then reports with its request;
 * 2. the crowd connects over 100 ms: the interest list grows to every connection, none of them
 *    ready (a row of figures per 20 ms);
 * 3. the crowd asks, five times faster than the server answers (each answer costs it 50 µs): the
 *    loop falls behind, and each epoll_wait returns more ready connections, up to the 256 it asks
 *    for (a line per wait).
 *
 * Then the figures: clients served, epoll_wait calls, most events per wait, virtual and wall
 * time; the counters; the run as a pcapng. Exit status: 0 when every client got its answer, 1 when
 * a stack failed (the reason is printed), 2 for a bad command line.
 */
import { WAIT_FOREVER, Sys } from '../harness/runtime';
import { addedUp } from './lib/finale';
import { askTemperature, Crowd, type CrowdTimes } from './lib/crowd';
import { EPOLL_OPTIONS_HELP, parseEpollOptions, type EpollDemoOptions } from './lib/epoll-options';
import { runOverTun } from './lib/epoll-over-tun';
import { consoleIo, demo, type Demo, type DemoIo } from './lib/io';
import { figureLines, LoopTally, wallTimeLine, type LoopFigures } from './lib/loop-tally';
import { counted, demoTime, Narrator, showEpollWait } from './lib/narrator';
import { readCommandLine, stackLabel, usage } from './lib/options';
import { perform } from './lib/perform';
import { Program } from './lib/program';
import { Scenes } from './lib/scenes';
import { loadStacks } from './lib/stacks';
import { star, type Star } from './lib/star';
import { ANSWER, REQUEST, TEMPERATURE_PORT, type EpollRun } from './lib/temperature';
import { MAX_EVENTS, temperatureLoop, type LoopWait } from './lib/temperature-loop';
import { Wire } from './lib/wire';

const NAME = 'temperature-epoll';
/** What it shows, for the list of demos and the help. */
const SUMMARY = 'the temperature service as one epoll event loop serving 1000 clients at once; --tun: Linux clients (nc) over TUN';

/** What one answer costs the server (the simulator counts no time for computing): 50 µs. */
const WORK_MS = 0.05;
/** When the crowd connects: from 10 ms on, over 100 ms, whatever its size. */
const CONNECT = { fromMs: 10, spreadMs: 100 };
/**
 * When the crowd asks: from 200 ms on, this many requests per ms, five times as many as the
 * server answers (one per WORK_MS), so that the loop falls behind whatever the crowd's size.
 */
const ASK = { fromMs: 200, perMs: 100 };
/** Between a client and the server and back (star.ts). */
const ROUND_TRIP_MS = 2;
/** Scene 2 shows a row of figures per this many ms, until its last connection is surely accepted. */
const ROW_MS = 20;
const SCENE_2_END_MS = CONNECT.fromMs + CONNECT.spreadMs + ROW_MS;
/** Scene 3 shows this many epoll_waits, one line each; the rest are counted. */
const WAITS_SHOWN = 30;

/** Run the demo; returns the exit status and the loop's figures. */
export async function run(args: readonly string[], io: DemoIo = consoleIo): Promise<EpollRun> {
  const options = readCommandLine(args, io, (given) => parseEpollOptions(NAME, given), usage(NAME, SUMMARY, EPOLL_OPTIONS_HELP));
  if (typeof options === 'number') return { status: options };
  return options.tun ? runOverTun(options, io) : runOnSimulator(options, io);
}

/** The demo as `npm run demo` lists it. */
export const temperatureEpoll: Demo = demo(NAME, SUMMARY, run);

async function runOnSimulator(options: EpollDemoOptions, io: DemoIo): Promise<EpollRun> {
  const startedMs = performance.now();
  const stacks = loadStacks(options, io);
  if (!stacks) return { status: 1 };
  const net = star({ seed: options.seed, clients: options.clients, serverKernel: stacks.server, clientKernel: stacks.client });
  const narrator = new Narrator(net.sim, io);
  const [first, ...rest] = net.clients;
  const client = new Program('client1', new Sys(first!), narrator);
  const server = new Program('server', new Sys(net.server), narrator);
  const wire = new Wire(net.trace, { address: client.sys.host.address, name: 'client1' }, { address: net.server.address, name: 'server' });
  const scenes = new Scenes(narrator, wire);
  const story = new CrowdStory(net, narrator, client, server, new Crowd(rest, { address: net.server.address, port: TEMPERATURE_PORT }, crowdTimes(rest.length)), scenes);

  introduce(narrator, net, options);
  scenes.heading(1, 'One client, told call by call');
  const status = await perform(
    { options, sim: net.sim, narrator, wire, scenes },
    {
      serve: (onListening) =>
        temperatureLoop(server, {
          waitMs: WAIT_FOREVER,
          done: () => story.tally.figures.answered >= options.clients,
          work: () => server.sys.sleep(WORK_MS),
          watch: story.tally,
          onListening,
        }),
      tell: () => story.tell(),
      counters: { title: 'TCP', pattern: /^(Tcp|Listen)/ },
      hosts: [
        { label: 'server', counters: () => server.sys.counters() },
        addedUp(`clients (all ${options.clients} kernels, added up)`, net.clients),
      ],
    },
  );
  // A server that never waited has no figures to show.
  if (story.tally.figures.waits > 0) showFigures(narrator, story.tally.figures, options, startedMs);
  return { status, figures: story.tally.figures };
}

/** When a crowd of `size` connects and asks. */
function crowdTimes(size: number): CrowdTimes {
  return { connect: CONNECT, ask: { fromMs: ASK.fromMs, spreadMs: size / ASK.perMs } };
}

/** The opening lines: who serves, who asks, and how the run is timed. */
function introduce(narrator: Narrator, net: Star, options: EpollDemoOptions): void {
  const last = net.clients[net.clients.length - 1]!;
  narrator.line("The temperature service as one epoll event loop, on socklab's simulator");
  narrator.line(`  server   ${net.server.address}, TCP port ${TEMPERATURE_PORT}: one thread, one epoll instance; answers ${JSON.stringify(REQUEST)} with ${JSON.stringify(ANSWER)}   (${stackLabel(options.stack)})`);
  narrator.line(`  clients  ${options.clients}, each on a host of its own: ${net.clients[0]!.address} to ${last.address}   (${stackLabel(options.clientStack)})`);
  narrator.line(`  links    each host 0.5 ms from a router, so a client is 1 ms from the server; times are virtual; seed ${options.seed}`);
}

/** The story: one client told call by call, then the crowd; the loop's figures as they come. */
class CrowdStory {
  readonly tally = new LoopTally({ waited: (wait) => this.waited(wait) });
  /** The most events one epoll_wait returned since scene 2's last row. */
  private mostSinceRow = 0;
  /** In scene 3: how many epoll_waits it has seen (it shows the first WAITS_SHOWN). */
  private waitsInScene3: number | undefined;

  constructor(
    private readonly net: Star,
    private readonly narrator: Narrator,
    private readonly client: Program,
    private readonly server: Program,
    private readonly crowd: Crowd,
    private readonly scenes: Scenes,
  ) {}

  async tell(): Promise<void> {
    const crowdDone = this.crowd.run(this.net.sim.rng.fork('crowd'));
    // Awaited in scene 3; until then, a client's failure must not count as unhandled.
    crowdDone.catch(() => undefined);
    await this.oneClient();
    await this.crowdConnects();
    await this.crowdAsks(crowdDone);
  }

  /** Scene 1: client1 asks alone, and every call of both programs is told. */
  private async oneClient(): Promise<void> {
    const { client } = this;
    const fd = await client.socket('tcp');
    await client.connect(fd, { address: this.net.server.address, port: TEMPERATURE_PORT });
    await askTemperature(client, fd, client.name);
    await client.close(fd);
    // Until the crowd comes: the server's ACK of the client's FIN belongs on this scene's ladder too.
    await client.sleepUntil(CONNECT.fromMs);
    this.scenes.end();
    this.scenes.notes(
      'The server made its listener nonblocking and registered it in its epoll instance (EPOLL_CTL_ADD), then',
      'waited in epoll_wait, the one call of the loop that waits. The handshake done, the listener became',
      'readable: a connection waited in its accept queue. The loop accepted until EAGAIN (one report may stand',
      'for many connections), made the connection nonblocking and registered it too. The next epoll_wait',
      'reported the connection with the request in it: recv, the answer, close (which also takes the fd out',
      `of the interest list). Between recv and send, ${WORK_MS * 1000} µs: the work of answering, which the simulator`,
      'would not count by itself. The server closed first, so its end of the connection waits in TIME_WAIT.',
    );
  }

  /** Scene 2: the crowd connects; a row of the loop's figures per ROW_MS. */
  private async crowdConnects(): Promise<void> {
    const { client, server, crowd, scenes } = this;
    const { fromMs, spreadMs } = CONNECT;
    scenes.heading(2, `The crowd connects: ${counted(crowd.size, 'more client')}, from ${demoTime(fromMs * 1000)} on, over ${spreadMs} ms (their calls are not told)`, 'counts');
    server.quiet = true;
    scenes.notes('until        epoll_waits   events (most in one)   accepted   registered');
    const first = this.tally.figures;
    let before = first;
    this.mostSinceRow = 0;
    for (let atMs = fromMs + ROW_MS; atMs <= SCENE_2_END_MS; atMs += ROW_MS) {
      await client.sleepUntil(atMs);
      const now = this.tally.figures;
      const events = `${now.events - before.events} (${this.mostSinceRow})`;
      scenes.notes(`${demoTime(atMs * 1000)}   ${column(now.waits - before.waits, 11)}   ${column(events, 20)}   ${column(now.accepted - before.accepted, 8)}   ${column(now.registered, 10)}`);
      before = now;
      this.mostSinceRow = 0;
    }
    scenes.end();
    const { accepted, registered } = this.tally.figures;
    scenes.notes(
      'Each connection made the listener readable: epoll_wait returned it, one event, and the loop accepted',
      `until EAGAIN. ${counted(accepted - first.accepted, 'connection')} accepted, each registered: ${registered} fds in the interest list, the listener's`,
      'too, and not one of them ready. An idle connection costs an epoll loop nothing but its memory; poll',
      'and select would hand the kernel every one of them on every call.',
    );
  }

  /** Scene 3: the crowd asks; a line per epoll_wait, the first WAITS_SHOWN of them. */
  private async crowdAsks(crowdDone: Promise<void>): Promise<void> {
    const { client, crowd, scenes } = this;
    await scenes.begin(
      client,
      ASK.fromMs,
      3,
      `The crowd asks: ${ASK.perMs} requests per ms, while the server answers ${1 / WORK_MS} per ms (each costs it ${WORK_MS * 1000} µs)`,
      'counts',
    );
    const before = this.tally.figures;
    this.waitsInScene3 = 0;
    await crowdDone;
    const hidden = this.waitsInScene3 - WAITS_SHOWN;
    this.waitsInScene3 = undefined;
    if (hidden > 0) scenes.notes(`(and ${counted(hidden, 'more epoll_wait')})`);
    // A round trip more: the server's ACKs of the last clients' FINs belong on this scene's wire.
    await client.sleepUntil(client.nowUs / 1000 + ROUND_TRIP_MS);
    scenes.end();
    const now = this.tally.figures;
    const waitsMs = [...crowd.waitsUs].sort((a, b) => a - b).map((us) => (us / 1000).toFixed(3));
    scenes.notes(
      'While the loop answered, requests kept coming and waited in their sockets; the next epoll_wait returned',
      `them together, up to the ${MAX_EVENTS} it asks for (the rest stay on epoll's ready list for the call after).`,
      `${counted(now.answered - before.answered, 'request')} took ${counted(now.waits - before.waits, 'epoll_wait')}: the busier the loop, the more each wait returns.`,
      `The crowd waited ${waitsMs[0]} ms to ${waitsMs[waitsMs.length - 1]} ms for its answers, as the requests queued for the one thread.`,
      'Connections that were not ready cost the loop nothing: epoll_wait looks at its ready list, never at',
      'every fd registered.',
    );
  }

  /** Count one epoll_wait for scene 2's rows; in scene 3, tell it: what it returned, of how many registered. */
  private waited(wait: LoopWait): void {
    const { events } = wait;
    this.mostSinceRow = Math.max(this.mostSinceRow, events.length);
    if (this.waitsInScene3 === undefined || this.waitsInScene3++ >= WAITS_SHOWN) return;
    // The tally counts a wait's accepts and closes after it returns: `registered` is as it was at the wait.
    const { registered } = this.tally.figures;
    const full = events.length === wait.maxEvents ? `; more may be ready: it returns at most ${wait.maxEvents}` : '';
    this.narrator.say(this.server.name, `${showEpollWait(wait.ep, wait.maxEvents, wait.timeoutMs)} = ${column(events.length, 3)}   (${registered} registered${full})`);
  }
}

/** `value` right-aligned in `width` columns. */
function column(value: number | string, width: number): string {
  return String(value).padStart(width);
}

/** The run in figures, at its end; `startedMs` is when it began, on the wall clock. */
function showFigures(narrator: Narrator, figures: LoopFigures, options: EpollDemoOptions, startedMs: number): void {
  narrator.line();
  narrator.line('In figures:');
  for (const line of figureLines(figures, options.clients)) narrator.line(line);
  narrator.line(`  virtual time          ${demoTime(narrator.sim.nowUs)}`);
  narrator.line(wallTimeLine(startedMs, `${options.clients + 1} kernels in this one process`));
}
