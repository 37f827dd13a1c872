/**
 * `npm run demo -- temperature-tcp`: the lecture's temperature service over TCP, on the simulator.
 *
 * A server on 10.0.0.2 listens on TCP port 4242 and answers "temp?" with "42 C"; a client on
 * 10.0.0.1 connects and asks. Both are ordinary blocking programs; the server runs `--stack` and
 * the client `--client-stack`, both the reference unless told. Every syscall is printed with its
 * virtual time, and each scene ends with its packets as a ladder diagram and a teacher's notes:
 *
 * 1. the three-way handshake, the question and the answer, and the close in both directions;
 * 2. a port where nothing listens: RST, and connect fails with ECONNREFUSED;
 * 3. a lost SYN: TCP sends it again by itself after its retransmission timeout;
 * 4. a minute later: the end of TIME_WAIT.
 *
 * The whole run is written as a pcapng, the lost SYN with a comment saying why. Exit status: 0
 * when every scene went as it should, 1 when a stack failed (the reason is printed), 2 for a bad
 * command line.
 */
import { INADDR_ANY, isSocketError, type Fd, type SockAddr } from '../harness/contract';
import type { TwoHosts } from '../harness/sim/two-hosts';
import { decodePacket, TcpFlag } from '../harness/wire';
import { DemoFailure } from './lib/failure';
import { consoleIo, demo, type Demo, type DemoIo } from './lib/io';
import { showData } from './lib/narrator';
import type { Program } from './lib/program';
import { Scenes } from './lib/scenes';
import { introduce, play, setStage } from './lib/stage';
import { ANSWER, CLOSED_PORT, RECV_MAX, REQUEST, TEMPERATURE_PORT, type TemperatureRun } from './lib/temperature';

const NAME = 'temperature-tcp';
/** What it shows, for the list of demos and the help. */
const SUMMARY = 'the temperature service over TCP: handshake, "temp?" → "42 C", close; a refused connect; a lost SYN; TIME_WAIT';
/** How many connections the server serves: those of scenes 1 and 3. */
const CONNECTIONS = 2;
/** When scenes 2 to 4 begin (virtual ms): scene 4 once TIME_WAIT (60 s) is over. */
const SCENE_START_MS = { 2: 10, 3: 20, 4: 61_000 } as const;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Run the demo; returns the exit status and what the client heard. */
export async function run(args: readonly string[], io: DemoIo = consoleIo): Promise<TemperatureRun> {
  const stage = setStage(NAME, SUMMARY, args, io);
  if (typeof stage === 'number') return { status: stage };
  const { net, narrator, client, server, wire } = stage;
  const service = { address: net.b.address, port: TEMPERATURE_PORT };

  introduce(stage, 'TCP');

  const scenes = new Scenes(narrator, wire);
  const story = new ClientStory(client, net, service, scenes);

  scenes.heading(1, 'The handshake, the question and the answer, and the close');
  return play(stage, scenes, (onListening) => serve(server, CONNECTIONS, onListening), story, { title: 'TCP', pattern: /^(Tcp|Listen)/ });
}

/** The demo as `npm run demo` lists it. */
export const temperatureTcp: Demo = demo(NAME, SUMMARY, run);

/**
 * The server: listen on the service port, and serve `connections` connections one after the
 * other: read the request, answer, and close once the client has closed its side. Then stop
 * listening. `onListening` is called when it first waits for a client.
 */
async function serve(server: Program, connections: number, onListening: () => void): Promise<void> {
  const listener = await server.socket('tcp');
  await server.bind(listener, { address: INADDR_ANY, port: TEMPERATURE_PORT });
  await server.listen(listener, 8);
  for (let served = 0; served < connections; served++) {
    const { fd } = await server.accept(listener, onListening);
    const request = await server.recv(fd, RECV_MAX);
    await server.send(fd, encoder.encode(decoder.decode(request) === REQUEST ? ANSWER : 'unknown request'));
    await server.recv(fd, RECV_MAX);
    await server.close(fd);
  }
  await server.close(listener);
}

/** The client's side of the four scenes, with the notes between them. */
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
    const first = await this.conversation();
    await this.refused();
    await this.lostSyn();
    await this.timeWaitEnds(first);
  }

  /** Scene 1. Returns the client's socket, whose connection waits in TIME_WAIT until scene 4. */
  private async conversation(): Promise<Fd> {
    const fd = await this.ask();
    this.scenes.end();
    this.scenes.notes(
      "connect sent a SYN (S) from an ephemeral port; the server's kernel answered for the listening socket",
      "with a SYN-ACK (S.), and the client's ACK completed the three-way handshake: connect returned after",
      'one round trip, accept on the server half a round trip later. Each side chose a random 32-bit initial',
      'sequence number (ISN); the ladder counts from them, as Wireshark does: SYN and FIN take one number',
      'each, data one per byte, and "ack 6" says "I have everything before 6". Every data segment was',
      'acknowledged, and each carried PSH: it emptied its sender\'s queue.',
      "shutdown(SHUT_WR) sent the client's FIN (F.): no more requests, though it still reads. The server's",
      'recv returned 0, end of file, so it closed too: its own FIN. A FIN and an ACK each way end a',
      'connection. The client closed first, so its end waits in TIME_WAIT: for 2·MSL (60 s) it will answer',
      'the server\'s FIN again if its last ACK was lost. The server\'s end is gone.',
    );
    return fd;
  }

  /** The client's part of a conversation: connect, ask, hear the answer, close its side, read to the end. */
  private async ask(): Promise<Fd> {
    const { client } = this;
    const fd = await client.socket('tcp');
    await client.connect(fd, this.service);
    await client.send(fd, encoder.encode(REQUEST));
    const data = await client.recv(fd, RECV_MAX);
    this.answer ??= decoder.decode(data);
    if (decoder.decode(data) !== ANSWER) throw new DemoFailure(`expected ${JSON.stringify(ANSWER)}, got ${showData(data)}`);
    await client.shutdown(fd, 'wr');
    const end = await client.recv(fd, RECV_MAX);
    if (end.length !== 0) throw new DemoFailure(`expected the end of the stream, got ${showData(end)}`);
    if ((await client.tcpState(fd)) !== 'TIME_WAIT') throw new DemoFailure('expected the client to wait in TIME_WAIT: it closed first');
    return fd;
  }

  /** Scene 2: a port where nothing listens. */
  private async refused(): Promise<void> {
    const { client } = this;
    await this.scenes.begin(client, SCENE_START_MS[2], 2, `The client connects to port ${CLOSED_PORT}, where nothing listens`);
    const fd = await client.socket('tcp');
    try {
      await client.connect(fd, { address: this.service.address, port: CLOSED_PORT });
      throw new DemoFailure(`expected ECONNREFUSED: nothing listens on port ${CLOSED_PORT}`);
    } catch (error) {
      if (!isSocketError(error, 'ECONNREFUSED')) throw error;
    }
    await client.close(fd);
    this.scenes.end();
    this.scenes.notes(
      `The server's kernel has no socket for port ${CLOSED_PORT}: it answered the SYN with a RST (R.), which`,
      "acknowledges the SYN so that the client's kernel believes it. connect failed after one round trip with",
      'ECONNREFUSED, the error UDP got from an ICMP port unreachable; here TCP itself says it.',
    );
  }

  /** Scene 3: the SYN is lost, and TCP sends it again by itself. */
  private async lostSyn(): Promise<void> {
    const { client } = this;
    await this.scenes.begin(client, SCENE_START_MS[3], 3, 'The SYN is lost: TCP sends it again by itself');
    this.scenes.notes(`(the link ${this.net.a.address} → ${this.net.b.address} will drop the next SYN)`);
    const restore = this.net.links.ab.dropNth(1, isSyn);
    let fd: Fd;
    try {
      fd = await this.ask();
    } finally {
      restore();
    }
    await client.close(fd);
    this.scenes.end();
    this.scenes.notes(
      "The first SYN never arrived, and nothing answered it. The client's kernel had set its retransmission",
      'timer when it sent the SYN: 1 s, as no round trip has been measured yet. When it fired, the SYN went',
      'again, and connect simply returned a second later: the program never knew. Had that one been lost',
      'too, the next try would have come 2 s later, then 4, 8, 16, 32 (exponential backoff); after six tries',
      'connect fails with ETIMEDOUT, at 127 s. The rest went as in scene 1.',
    );
  }

  /** Scene 4: a minute after scene 1, TIME_WAIT is over. */
  private async timeWaitEnds(fd: Fd): Promise<void> {
    const { client } = this;
    await this.scenes.begin(client, SCENE_START_MS[4], 4, 'A minute later: TIME_WAIT is over');
    if ((await client.tcpState(fd)) !== 'CLOSED') throw new DemoFailure('expected TIME_WAIT to be over 60 s after it began');
    await client.close(fd);
    this.scenes.end();
    this.scenes.notes(
      "60 s after it began, the client's end of the first connection forgot it, silently. Until then it held",
      'its port and its four numbers (the two addresses and ports), so that a late segment of the old',
      'connection could not be taken for one of a new connection between the same ports.',
    );
  }
}

/** A SYN that opens a connection (SYN without ACK), for the scripted drop of scene 3. */
function isSyn(packet: Uint8Array): boolean {
  const decoded = decodePacket(packet);
  return decoded.ok && decoded.value.kind === 'tcp' && decoded.value.tcp.header.flags === TcpFlag.SYN;
}
