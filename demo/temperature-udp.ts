/**
 * `npm run demo -- temperature-udp`: the lecture's temperature service over UDP, on the simulator.
 *
 * A server on 10.0.0.2 answers "temp?" with "42 C" on UDP port 4242; a client on 10.0.0.1 asks.
 * Both are ordinary blocking programs (the runtime's `Sys`); the server runs `--stack` and the
 * client `--client-stack`, both the reference unless told. Every syscall is printed with its
 * virtual time, and packets on the wire are checked with the harness's own codecs (two hosts on
 * one stack would accept each other's wrong checksums). Three scenes:
 *
 * 1. the question and the answer: one sendto, one datagram, one recvfrom;
 * 2. a port where nothing listens: ICMP port unreachable comes back, and a connected socket
 *    reports ECONNREFUSED while an unconnected one is not told;
 * 3. a lost request: UDP does not retransmit, so the client times out (poll) and asks again.
 *
 * Each scene ends with its packets as a ladder diagram; the whole run is written as a pcap.
 * Exit status: 0 when every scene went as it should, 1 when the stack failed (the reason is
 * printed: "not implemented (m1: ...)", an errno, a crash, a deadlock), 2 for a bad command line.
 */
import * as fs from 'node:fs';
import { EPOLLIN, formatEvents, INADDR_ANY, type Counters, type Fd, type SockAddr } from '../harness/contract';
import { loadSubmission, submissionDir } from '../harness/loader';
import { Sys } from '../harness/runtime';
import { ipv4Protocol } from '../harness/sim/peek';
import { twoHosts, type TwoHosts } from '../harness/sim/two-hosts';
import { IPPROTO_UDP } from '../harness/wire';
import { DemoFailure, explain } from './lib/failure';
import { consoleIo, type Demo, type DemoIo } from './lib/io';
import { parseOptions, shownPath, stackLabel, usage, UsageError } from './lib/options';
import { isErrno, Narrator, Program, showAddr, showData } from './lib/program';
import { Wire } from './lib/wire';

const NAME = 'temperature-udp';
/** Where the service listens. */
const SERVICE_PORT = 4242;
/** A port on the server where nothing listens. */
const CLOSED_PORT = 4243;
const REQUEST = 'temp?';
const ANSWER = '42 C';
/** recvfrom's buffer: larger than any datagram on a 1500-byte link. */
const RECV_MAX = 1500;
/** How long the client waits for an answer before it asks again. */
const ANSWER_TIMEOUT_MS = 100;
const MAX_TRIES = 3;
/** When scenes 2 and 3 begin (virtual ms), so that each starts at a round time. */
const SCENE_START_MS = { 2: 10, 3: 30 } as const;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** What `main` found: the exit status, and the answers the client got (for tests). */
export interface TemperatureUdpRun {
  readonly status: number;
  /** The answer of scene 1, when it came. */
  readonly answer?: string;
}

/** Run the demo with command-line `args`; returns the exit status. */
export async function main(args: readonly string[], io: DemoIo = consoleIo): Promise<number> {
  return (await run(args, io)).status;
}

/** Run the demo; returns the exit status and what the client heard. */
export async function run(args: readonly string[], io: DemoIo = consoleIo): Promise<TemperatureUdpRun> {
  let options;
  try {
    options = parseOptions(NAME, args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(error.message);
    io.err(usage(NAME));
    return { status: 2 };
  }
  if (options.help) {
    io.out(usage(NAME));
    return { status: 0 };
  }
  let serverKernel, clientKernel;
  try {
    serverKernel = loadSubmission(options.stack).createKernel;
    clientKernel = loadSubmission(options.clientStack).createKernel;
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    if (!fs.existsSync(submissionDir('reference'))) {
      io.err('This copy of socklab has no reference stack: run the demo on yours with --stack starter --client-stack starter.');
    }
    return { status: 1 };
  }
  const net = twoHosts({
    seed: options.seed,
    a: { createKernel: clientKernel, name: 'client' },
    b: { createKernel: serverKernel, name: 'server' },
  });
  const narrator = new Narrator(net.sim, io);
  const client = new Program('client', new Sys(net.a), narrator);
  const server = new Program('server', new Sys(net.b), narrator);
  const wire = new Wire(net.trace, { address: net.a.address, name: 'client' }, { address: net.b.address, name: 'server' });
  const service = { address: net.b.address, port: SERVICE_PORT };

  narrator.line('The temperature service over UDP, on socklab\'s simulator');
  narrator.line(`  server  ${net.b.address}, UDP port ${SERVICE_PORT}: answers ${JSON.stringify(REQUEST)} with ${JSON.stringify(ANSWER)}   (${stackLabel(options.stack)})`);
  narrator.line(`  client  ${net.a.address}   (${stackLabel(options.clientStack)})`);
  narrator.line(`  links   1 ms each way; times are virtual; seed ${options.seed}`);

  // Failures in the order they happened: the first is the cause, later ones its consequences.
  const failures: Failure[] = [];
  const fail = (error: unknown, programStack: string): void => {
    if (failures.some((failure) => failure.error === error)) return;
    failures.push({ error, stack: culprit(error, programStack, net.sim.failed, options.stack, options.clientStack) });
  };
  const scene = { mark: 0, shown: true };
  const listening = deferred();
  const story = new ClientStory(client, narrator, wire, net, service, scene);

  story.opening();
  const serverDone = serve(server, 2, listening.resolve).catch((error: unknown) => {
    fail(error, options.stack);
    listening.reject(error);
  });
  const clientDone = listening.promise.then(
    () => story.tell().catch((error: unknown) => fail(error, options.clientStack)),
    () => undefined, // the server failed before it listened: the client never starts
  );
  await Promise.all([serverDone, clientDone]);
  const problems = failures.length === 0 ? wire.problems() : [];
  if (problems.length > 0) {
    failures.push({
      error: new DemoFailure(
        [
          "Every scene went as it should, but packets on the wire are damaged: the hosts accepted each other's",
          'mistakes. (That is why the tests put your stack against the reference, never against itself.)',
          ...problems.map((problem) => `  ${problem}`),
        ].join('\n'),
      ),
      stack: '',
    });
  }

  narrator.line();
  if (failures.length > 0 && !scene.shown) {
    narrator.line('  on the wire so far:');
    narrator.line(wire.ladderSince(scene.mark));
    narrator.line();
  }
  // Every packet a kernel drops is counted: after a failure, they often say where a datagram went.
  narrator.line('Counters (UDP and ICMP, as nstat names them):');
  narrator.line(`  client: ${await showCounters(client)}`);
  narrator.line(`  server: ${await showCounters(server)}`);
  if (failures.length > 0) {
    narrator.line();
    const [first] = failures;
    narrator.line(`FAILED: ${explain(first!.error, first!.stack).join('\n')}`);
  }
  if (wire.entriesSince(0).length > 0) {
    const count = wire.writePcap(options.pcap);
    const pcap = shownPath(options.pcap);
    narrator.line();
    narrator.line(`pcap: ${pcap} (${count} packet${count === 1 ? '' : 's'}, each captured as it left its host: lost ones too)`);
    narrator.line(`  open it with:  wireshark ${pcap}    or in a terminal:  tshark -r ${pcap}`);
  }
  return { status: failures.length === 0 ? 0 : 1, ...(story.answer === undefined ? {} : { answer: story.answer }) };
}

/** A failure, and the stack the explanation blames. */
interface Failure {
  readonly error: unknown;
  readonly stack: string;
}

/**
 * Which stack to blame for `error`, as the explanation names it. A syscall's error is its own
 * host's stack's. An error from receive() stops the whole simulation (`simFailure`) and reaches
 * whichever program waited: then it is the stack that is not the reference, if only one is.
 */
function culprit(error: unknown, programStack: string, simFailure: Error | undefined, serverStack: string, clientStack: string): string {
  if (simFailure !== error) return stackLabel(programStack);
  const suspects = [...new Set([serverStack, clientStack])].filter((stack) => stack !== 'reference');
  return suspects.length === 1 ? stackLabel(suspects[0]!) : `${stackLabel(serverStack)} or the ${stackLabel(clientStack)}`;
}

/** The demo as `npm run demo` lists it. */
export const temperatureUdp: Demo = {
  name: NAME,
  summary: 'the lecture\'s temperature service over UDP: "temp?" → "42 C"; port unreachable; a lost request',
  main,
};

/**
 * The server: bind the service port and answer `requests` requests, then close. It is told how
 * many, so that it ends when the story does (a server waiting forever would be a deadlock).
 */
async function serve(server: Program, requests: number, onListening: () => void): Promise<void> {
  const fd = await server.socket('udp');
  await server.bind(fd, { address: INADDR_ANY, port: SERVICE_PORT });
  for (let served = 0; served < requests; served++) {
    const { data, from } = await server.recvfrom(fd, RECV_MAX, onListening);
    const reply = decoder.decode(data) === REQUEST ? ANSWER : 'unknown request';
    await server.sendto(fd, encoder.encode(reply), from);
  }
  await server.close(fd);
}

/** The client's side of the three scenes, with the notes between them. */
class ClientStory {
  /** What the server answered in scene 1. */
  answer: string | undefined;

  constructor(
    private readonly client: Program,
    private readonly narrator: Narrator,
    private readonly wire: Wire,
    private readonly net: TwoHosts,
    private readonly service: SockAddr,
    /** The scene being told: where its packets start, and whether its ladder was shown. */
    private readonly scene: { mark: number; shown: boolean },
  ) {}

  async tell(): Promise<void> {
    const fd = await this.ask();
    await this.refused();
    await this.lost(fd);
  }

  /** Scene 1: one question, one answer. Returns the client's socket, which scene 3 uses again. */
  private async ask(): Promise<Fd> {
    const { client } = this;
    const fd = await client.socket('udp');
    await client.sendto(fd, encoder.encode(REQUEST), this.service);
    const local = await client.getsockname(fd);
    const { data, from } = await client.recvfrom(fd, RECV_MAX);
    this.answer = decoder.decode(data);
    this.end();
    if (this.answer !== ANSWER || from.address !== this.service.address || from.port !== this.service.port) {
      throw new DemoFailure(`expected ${JSON.stringify(ANSWER)} from ${showAddr(this.service)}, got ${showData(data)} from ${showAddr(from)}`);
    }
    this.notes(
      `The answer: ${ANSWER}, one round trip after the question. The client never called bind: sendto bound`,
      `its socket to port ${local.port}, an ephemeral port (49152-65535) its kernel chose at random, and the`,
      'server answered to the address and port the request came from. One sendto made one datagram, and',
      'one recvfrom took it whole: UDP keeps message boundaries.',
    );
    return fd;
  }

  /** Scene 2: a port where nothing listens. */
  private async refused(): Promise<void> {
    await this.begin(2, `The client asks port ${CLOSED_PORT}, where nothing listens`);
    const { client } = this;
    const closed = { address: this.service.address, port: CLOSED_PORT };
    const connected = await client.socket('udp');
    await client.connect(connected, closed);
    await client.send(connected, encoder.encode(REQUEST));
    try {
      const data = await client.recv(connected, RECV_MAX);
      throw new DemoFailure(`expected ECONNREFUSED on the connected socket, got a datagram: ${showData(data)}`);
    } catch (error) {
      if (!isErrno(error, 'ECONNREFUSED')) throw error;
    }
    this.narrator.line('  (the same question from an unconnected socket:)');
    const unconnected = await client.socket('udp');
    await client.sendto(unconnected, encoder.encode(REQUEST), closed);
    const mask = await client.pollWait(unconnected, EPOLLIN, 10);
    await client.close(unconnected);
    await client.close(connected);
    this.end();
    if (mask !== 0) throw new DemoFailure(`expected the unconnected socket to hear nothing, but poll reported ${formatEvents(mask)}`);
    this.notes(
      'connect sent nothing: on a UDP socket it only records the peer (and binds an ephemeral port).',
      `The server's kernel found no socket for port ${CLOSED_PORT} and answered ICMP destination unreachable,`,
      'code 3 (port unreachable), quoting the IPv4 header and the first 8 bytes of the datagram: the UDP',
      "ports. From them the client's kernel found the socket that sent it. The connected socket has one",
      'peer, so the error is surely its own: its recv failed with ECONNREFUSED. The unconnected socket may',
      'talk to many peers; one of them being unreachable is no error of the socket, so it was not told.',
    );
  }

  /** Scene 3: the request is lost, and the client asks again; then the client closes `fd`. */
  private async lost(fd: Fd): Promise<void> {
    await this.begin(3, 'The request is lost: UDP does not retransmit, so the client must');
    this.narrator.line(`  (the link ${this.net.a.address} → ${this.net.b.address} will drop the next datagram)`);
    const { client } = this;
    const restore = this.net.links.ab.dropNth(1, (packet) => ipv4Protocol(packet) === IPPROTO_UDP);
    try {
      for (let attempt = 1; ; attempt++) {
        await client.sendto(fd, encoder.encode(REQUEST), this.service);
        const mask = await client.pollWait(fd, EPOLLIN, ANSWER_TIMEOUT_MS);
        if ((mask & EPOLLIN) !== 0) {
          const { data } = await client.recvfrom(fd, RECV_MAX);
          if (decoder.decode(data) !== ANSWER) throw new DemoFailure(`expected ${JSON.stringify(ANSWER)}, got ${showData(data)}`);
          break;
        }
        if (mask !== 0) throw new DemoFailure(`expected an answer or a timeout, but poll reported ${formatEvents(mask)}`);
        if (attempt === MAX_TRIES) throw new DemoFailure(`no answer after ${MAX_TRIES} tries of ${ANSWER_TIMEOUT_MS} ms`);
      }
    } finally {
      restore();
    }
    await client.close(fd);
    this.end();
    this.notes(
      'The first request never arrived, and nothing in UDP noticed: it has no acknowledgements and no',
      `retransmissions. The client's own ${ANSWER_TIMEOUT_MS} ms timeout noticed, and it asked again. Asking twice is`,
      'safe because "temp?" changes nothing on the server; a request that must not run twice needs an id',
      'the server remembers. TCP (milestone 2 on) retransmits by itself and delivers every byte once.',
    );
  }

  /** Scene 1 begins before either program runs: the server's setup belongs to it. */
  opening(): void {
    this.heading(1, 'The server waits; the client asks, the server answers');
  }

  private async begin(number: 2 | 3, title: string): Promise<void> {
    await this.client.sleepUntil(SCENE_START_MS[number]);
    this.heading(number, title);
  }

  private heading(number: 1 | 2 | 3, title: string): void {
    this.narrator.line();
    this.narrator.line(`${number}. ${title}`);
    this.scene.mark = this.wire.mark();
    this.scene.shown = false;
  }

  /** The scene's packets. */
  private end(): void {
    this.narrator.line('  on the wire:');
    this.narrator.line(this.wire.ladderSince(this.scene.mark));
    this.scene.shown = true;
  }

  private notes(...lines: string[]): void {
    for (const line of lines) this.narrator.line(`  ${line}`);
  }
}

/** The program's kernel's UDP and ICMP counters that are not 0: `UdpInDatagrams 2, UdpNoPorts 1, ...`. */
async function showCounters(program: Program): Promise<string> {
  let counters: Counters;
  try {
    counters = await program.sys.counters();
  } catch (error) {
    return `(counters() failed: ${error instanceof Error ? error.message : String(error)})`;
  }
  const shown = Object.entries(counters)
    .filter(([name, value]) => /^(Udp|Icmp)/.test(name) && value !== 0)
    .map(([name, value]) => `${name} ${value}`);
  return shown.length > 0 ? shown.join(', ') : 'all 0';
}

/** A promise with its resolve and reject at hand; settling it twice is harmless. */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody may be waiting for it (the server failed after the client started): no unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
