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
 * Each scene ends with its packets as a ladder diagram; the whole run is written as a pcapng, the
 * lost request with a comment saying why.
 * Exit status: 0 when every scene went as it should, 1 when the stack failed (the reason is
 * printed: "not implemented (m1: ...)", an errno, a crash, a deadlock), 2 for a bad command line.
 */
import { INADDR_ANY, isSocketError, type Fd, type SockAddr } from '../harness/contract';
import { ipv4Protocol } from '../harness/sim/peek';
import type { TwoHosts } from '../harness/sim/two-hosts';
import { IPPROTO_UDP } from '../harness/wire';
import { DemoFailure } from './lib/failure';
import { consoleIo, demo, type Demo, type DemoIo } from './lib/io';
import { showAddr, showData } from './lib/narrator';
import { formatPollEvents, POLLIN } from './lib/poll-events';
import type { Program } from './lib/program';
import { Scenes } from './lib/scenes';
import { introduce, play, setStage } from './lib/stage';
import { ANSWER, CLOSED_PORT, RECV_MAX, REQUEST, TEMPERATURE_PORT, type TemperatureRun } from './lib/temperature';

const NAME = 'temperature-udp';
/** What it shows, for the list of demos and the help. */
const SUMMARY = 'the lecture\'s temperature service over UDP: "temp?" → "42 C"; port unreachable; a lost request';
/** How long the client waits for an answer before it asks again. */
const ANSWER_TIMEOUT_MS = 100;
const MAX_TRIES = 3;
/** When scenes 2 and 3 begin (virtual ms), so that each starts at a round time. */
const SCENE_START_MS = { 2: 10, 3: 30 } as const;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Run the demo; returns the exit status and what the client heard. */
export async function run(args: readonly string[], io: DemoIo = consoleIo): Promise<TemperatureRun> {
  const stage = setStage(NAME, SUMMARY, args, io);
  if (typeof stage === 'number') return { status: stage };
  const { net, narrator, client, server, wire } = stage;
  const service = { address: net.b.address, port: TEMPERATURE_PORT };

  introduce(stage, 'UDP');

  const scenes = new Scenes(narrator, wire);
  const story = new ClientStory(client, net, service, scenes);

  story.opening();
  return play(stage, scenes, (onListening) => serve(server, 2, onListening), story, { title: 'UDP and ICMP', pattern: /^(Udp|Icmp)/ });
}

/** The demo as `npm run demo` lists it. */
export const temperatureUdp: Demo = demo(NAME, SUMMARY, run);

/**
 * The server: bind the service port and answer `requests` requests, then close. It is told how
 * many, so that it ends when the story does (a server waiting forever would be a deadlock).
 */
async function serve(server: Program, requests: number, onListening: () => void): Promise<void> {
  const fd = await server.socket('udp');
  await server.bind(fd, { address: INADDR_ANY, port: TEMPERATURE_PORT });
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
    private readonly net: TwoHosts,
    private readonly service: SockAddr,
    private readonly scenes: Scenes,
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
    this.scenes.end();
    if (this.answer !== ANSWER || from.address !== this.service.address || from.port !== this.service.port) {
      throw new DemoFailure(`expected ${JSON.stringify(ANSWER)} from ${showAddr(this.service)}, got ${showData(data)} from ${showAddr(from)}`);
    }
    this.scenes.notes(
      `The answer: ${ANSWER}, one round trip after the question. The client never called bind: sendto bound`,
      `its socket to port ${local.port}, an ephemeral port (49152-65535) its kernel chose at random, and the`,
      'server answered to the address and port the request came from. One sendto made one datagram, and',
      'one recvfrom took it whole: UDP keeps message boundaries.',
    );
    return fd;
  }

  /** Scene 2: a port where nothing listens. */
  private async refused(): Promise<void> {
    await this.scenes.begin(this.client, SCENE_START_MS[2], 2, `The client asks port ${CLOSED_PORT}, where nothing listens`);
    const { client } = this;
    const closed = { address: this.service.address, port: CLOSED_PORT };
    const connected = await client.socket('udp');
    await client.connect(connected, closed);
    await client.send(connected, encoder.encode(REQUEST));
    try {
      const data = await client.recv(connected, RECV_MAX);
      throw new DemoFailure(`expected ECONNREFUSED on the connected socket, got a datagram: ${showData(data)}`);
    } catch (error) {
      if (!isSocketError(error, 'ECONNREFUSED')) throw error;
    }
    this.scenes.notes('(the same question from an unconnected socket:)');
    const unconnected = await client.socket('udp');
    await client.sendto(unconnected, encoder.encode(REQUEST), closed);
    const mask = await client.pollWait(unconnected, POLLIN, 10);
    await client.close(unconnected);
    await client.close(connected);
    this.scenes.end();
    if (mask !== 0) throw new DemoFailure(`expected the unconnected socket to hear nothing, but poll reported ${formatPollEvents(mask)}`);
    this.scenes.notes(
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
    await this.scenes.begin(this.client, SCENE_START_MS[3], 3, 'The request is lost: UDP does not retransmit, so the client must');
    this.scenes.notes(`(the link ${this.net.a.address} → ${this.net.b.address} will drop the next datagram)`);
    const { client } = this;
    const restore = this.net.links.ab.dropNth(1, (packet) => ipv4Protocol(packet) === IPPROTO_UDP);
    try {
      for (let attempt = 1; ; attempt++) {
        await client.sendto(fd, encoder.encode(REQUEST), this.service);
        const mask = await client.pollWait(fd, POLLIN, ANSWER_TIMEOUT_MS);
        if ((mask & POLLIN) !== 0) {
          const { data } = await client.recvfrom(fd, RECV_MAX);
          if (decoder.decode(data) !== ANSWER) throw new DemoFailure(`expected ${JSON.stringify(ANSWER)}, got ${showData(data)}`);
          break;
        }
        if (mask !== 0) throw new DemoFailure(`expected an answer or a timeout, but poll reported ${formatPollEvents(mask)}`);
        if (attempt === MAX_TRIES) throw new DemoFailure(`no answer after ${MAX_TRIES} tries of ${ANSWER_TIMEOUT_MS} ms`);
      }
    } finally {
      restore();
    }
    await client.close(fd);
    this.scenes.end();
    this.scenes.notes(
      'The first request never arrived, and nothing in UDP noticed: it has no acknowledgements and no',
      `retransmissions. The client's own ${ANSWER_TIMEOUT_MS} ms timeout noticed, and it asked again. Asking twice is`,
      'safe because "temp?" changes nothing on the server; a request that must not run twice needs an id',
      'the server remembers. TCP (milestone 2 on) retransmits by itself and delivers every byte once.',
    );
  }

  /** Scene 1 begins before either program runs: the server's setup belongs to it. */
  opening(): void {
    this.scenes.heading(1, 'The server waits; the client asks, the server answers');
  }
}
