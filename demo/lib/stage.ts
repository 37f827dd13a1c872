/**
 * The stage of a two-host demo: the command line read, the stacks loaded, a client host
 * (10.0.0.1) and a server host (10.0.0.2) on the simulator with a narrated program on each; and
 * the end of the run: damaged packets, the counters, the first failure explained, the pcap.
 */
import * as fs from 'node:fs';
import type { Counters } from '../../harness/contract';
import { loadSubmission, submissionDir } from '../../harness/loader';
import { Sys } from '../../harness/runtime';
import { twoHosts, type TwoHosts } from '../../harness/sim/two-hosts';
import { DemoFailure, explain } from './failure';
import type { DemoIo } from './io';
import { Narrator } from './narrator';
import { parseOptions, shownPath, stackLabel, usage, UsageError, type DemoOptions } from './options';
import { Program } from './program';
import type { Scenes } from './scenes';
import { deferred } from './deferred';
import { ANSWER, REQUEST, TEMPERATURE_PORT, type TemperatureRun } from './temperature';
import { Wire } from './wire';

export interface Stage {
  readonly options: DemoOptions;
  readonly net: TwoHosts;
  readonly narrator: Narrator;
  readonly client: Program;
  readonly server: Program;
  readonly wire: Wire;
}

/**
 * Read `args` and build the stage of demo `name` (`summary` for its help); or the exit status when
 * there is nothing to run (usage, --help, a stack that does not load).
 */
export function setStage(name: string, summary: string, args: readonly string[], io: DemoIo): Stage | number {
  let options;
  try {
    options = parseOptions(name, args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(error.message);
    io.err(usage(name, summary));
    return 2;
  }
  if (options.help) {
    io.out(usage(name, summary));
    return 0;
  }
  let serverKernel, clientKernel;
  try {
    serverKernel = loadSubmission(options.stack).createKernel;
    clientKernel = loadSubmission(options.clientStack).createKernel;
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    if (!fs.existsSync(submissionDir('reference'))) {
      io.err('This repository has no reference stack: run the demo on yours, the default (no --stack, no --client-stack).');
    }
    return 1;
  }
  const net = twoHosts({
    seed: options.seed,
    a: { createKernel: clientKernel, name: 'client' },
    b: { createKernel: serverKernel, name: 'server' },
  });
  const narrator = new Narrator(net.sim, io);
  return {
    options,
    net,
    narrator,
    client: new Program('client', new Sys(net.a), narrator),
    server: new Program('server', new Sys(net.b), narrator),
    wire: new Wire(net.trace, { address: net.a.address, name: 'client' }, { address: net.b.address, name: 'server' }),
  };
}

/** The opening lines: who serves the temperature over `protocol`, who asks, and how the run is timed. */
export function introduce(stage: Stage, protocol: 'UDP' | 'TCP'): void {
  const { narrator, net, options } = stage;
  narrator.line(`The temperature service over ${protocol}, on socklab's simulator`);
  narrator.line(`  server  ${net.b.address}, ${protocol} port ${TEMPERATURE_PORT}: answers ${JSON.stringify(REQUEST)} with ${JSON.stringify(ANSWER)}   (${stackLabel(options.stack)})`);
  narrator.line(`  client  ${net.a.address}   (${stackLabel(options.clientStack)})`);
  narrator.line(`  links   1 ms each way; times are virtual; seed ${options.seed}`);
}

/** A failure, and the stack the explanation blames. */
interface Failure {
  readonly error: unknown;
  readonly stack: string;
}

/** Failures in the order they happened: the first is the cause, later ones its consequences. */
class Failures {
  private readonly list: Failure[] = [];

  constructor(private readonly stage: Stage) {}

  get count(): number {
    return this.list.length;
  }

  /** `error` stopped a program running on `programStack` (counted once, however many programs it stopped). */
  add(error: unknown, programStack: string): void {
    if (this.list.some((failure) => failure.error === error)) return;
    this.list.push({ error, stack: this.culprit(error, programStack) });
  }

  /** The first failure, explained. */
  explanation(): string {
    const [first] = this.list;
    return first ? explain(first.error, first.stack).join('\n') : '';
  }

  /** A story failure no stack is blamed for by name (damaged packets both hosts accepted). */
  addUnblamed(error: DemoFailure): void {
    this.list.push({ error, stack: '' });
  }

  /**
   * Which stack to blame for `error`, as the explanation names it. A syscall's error is its own
   * host's stack's. An error from receive() stops the whole simulation and reaches whichever
   * program waited: then it is the stack that is not the reference, if only one is.
   */
  private culprit(error: unknown, programStack: string): string {
    const { options, net } = this.stage;
    if (net.sim.failed !== error) return stackLabel(programStack);
    const suspects = [...new Set([options.stack, options.clientStack])].filter((stack) => stack !== 'reference');
    return suspects.length === 1 ? stackLabel(suspects[0]!) : `${stackLabel(options.stack)} or the ${stackLabel(options.clientStack)}`;
  }
}

/** Which counters the summary shows: those whose name matches, under a title. */
export interface CounterFamily {
  /** `UDP and ICMP`. */
  readonly title: string;
  readonly pattern: RegExp;
}

/** The client's part of a demo: the scenes it plays, and the answer it heard first. */
export interface ClientPart {
  tell(): Promise<void>;
  readonly answer: string | undefined;
}

/**
 * Play the demo: the server runs `serve` (which calls its argument once it waits for a client), the
 * client tells its story once the server waits (not at all if the server failed first), and the
 * finale ends the run with the `counters` shown.
 */
export async function play(stage: Stage, scenes: Scenes, serve: (onListening: () => void) => Promise<void>, client: ClientPart, counters: CounterFamily): Promise<TemperatureRun> {
  const failures = new Failures(stage);
  const listening = deferred();
  const serverDone = serve(listening.resolve).catch((error: unknown) => {
    failures.add(error, stage.options.stack);
    listening.reject(error);
  });
  const clientDone = listening.promise.then(
    () => client.tell().catch((error: unknown) => failures.add(error, stage.options.clientStack)),
    () => undefined, // the server failed before it listened: the client never starts
  );
  await Promise.all([serverDone, clientDone]);
  const status = await finale(stage, failures, scenes, counters);
  return { status, ...(client.answer === undefined ? {} : { answer: client.answer }) };
}

/** End the run: check the wire, show the counters, explain the first failure, write the pcap. Returns the exit status. */
async function finale(stage: Stage, failures: Failures, scenes: Scenes, counters: CounterFamily): Promise<number> {
  const { narrator, wire, client, server, options } = stage;
  const problems = failures.count === 0 ? wire.problems() : [];
  if (problems.length > 0) {
    failures.addUnblamed(
      new DemoFailure(
        [
          "Every scene went as it should, but packets on the wire are damaged: the hosts accepted each other's",
          'mistakes. (That is why the tests put your stack against the reference, never against itself.)',
          ...problems.map((problem) => `  ${problem}`),
        ].join('\n'),
      ),
    );
  }
  narrator.line();
  if (failures.count > 0) scenes.showUnfinished();
  // Every packet a kernel drops is counted: after a failure, they often say where a packet went.
  narrator.line(`Counters (${counters.title}, as nstat names them):`);
  narrator.line(`  client: ${await showCounters(client, counters.pattern)}`);
  narrator.line(`  server: ${await showCounters(server, counters.pattern)}`);
  if (failures.count > 0) {
    narrator.line();
    narrator.line(`FAILED: ${failures.explanation()}`);
  }
  if (wire.entriesSince(0).length > 0) {
    const count = wire.writePcap(options.pcap);
    const pcap = shownPath(options.pcap);
    narrator.line();
    narrator.line(`pcap: ${pcap} (${count} packet${count === 1 ? '' : 's'}, each captured as it left its host: a lost one too, with a comment saying why)`);
    narrator.line(`  open it with:  wireshark ${pcap}    or in a terminal:  tshark -r ${pcap}`);
    if (wire.entriesSince(0).some((entry) => entry.dropReason !== undefined)) {
      narrator.line(`  why each lost packet was lost:  tshark -r ${pcap} -Y frame.comment -T fields -e frame.number -e frame.comment`);
    }
  }
  return failures.count === 0 ? 0 : 1;
}

/** The program's kernel's counters that match `pattern` and are not 0: `UdpInDatagrams 2, UdpNoPorts 1, ...`. */
async function showCounters(program: Program, pattern: RegExp): Promise<string> {
  let counters: Counters;
  try {
    counters = await program.sys.counters();
  } catch (error) {
    return `(counters() failed: ${error instanceof Error ? error.message : String(error)})`;
  }
  const shown = Object.entries(counters)
    .filter(([name, value]) => pattern.test(name) && value !== 0)
    .map(([name, value]) => `${name} ${value}`);
  return shown.length > 0 ? shown.join(', ') : 'all 0';
}
