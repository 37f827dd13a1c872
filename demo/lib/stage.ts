/**
 * The stage of a two-host demo: the command line read, the stacks loaded, a client host
 * (10.0.0.1) and a server host (10.0.0.2) on the simulator with a narrated program on each; and
 * the play: the server, the client's story once the server waits, and the finale (finale.ts).
 */
import { Sys } from '../../harness/runtime';
import { twoHosts, type TwoHosts } from '../../harness/sim/two-hosts';
import type { CountedHost, CounterFamily } from './finale';
import type { DemoIo } from './io';
import { Narrator } from './narrator';
import { parseOptions, readCommandLine, stackLabel, usage, type DemoOptions } from './options';
import { perform } from './perform';
import { Program } from './program';
import type { Scenes } from './scenes';
import { loadStacks } from './stacks';
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
  const options = readCommandLine(args, io, (given) => parseOptions(name, given), usage(name, summary));
  if (typeof options === 'number') return options;
  const stacks = loadStacks(options, io);
  if (!stacks) return 1;
  const net = twoHosts({
    seed: options.seed,
    a: { createKernel: stacks.client, name: 'client' },
    b: { createKernel: stacks.server, name: 'server' },
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

/** The client's part of a demo: the scenes it plays, and the answer it heard first. */
export interface ClientPart {
  tell(): Promise<void>;
  readonly answer: string | undefined;
}

/**
 * Play the two-host demo (perform.ts): the server runs `serve`, the client tells its story, and
 * the finale shows both hosts' `counters`.
 */
export async function play(stage: Stage, scenes: Scenes, serve: (onListening: () => void) => Promise<void>, client: ClientPart, counters: CounterFamily): Promise<TemperatureRun> {
  const status = await perform(
    { ...stage, sim: stage.net.sim, scenes },
    { serve, tell: () => client.tell(), counters, hosts: [countedHost(stage.client), countedHost(stage.server)] },
  );
  return { status, ...(client.answer === undefined ? {} : { answer: client.answer }) };
}

/** A program's host, for the counters of the finale. */
function countedHost(program: Program): CountedHost {
  return { label: program.name, counters: () => program.sys.counters() };
}
