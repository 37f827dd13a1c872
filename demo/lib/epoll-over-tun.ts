/**
 * `npm run demo -- temperature-epoll --tun`: the epoll demo's event loop (temperature-loop.ts) on a
 * socklab stack, on the wall clock, serving the real Linux kernel over TUN: `--clients` nc
 * processes, all started at once in the TUN agent's namespace (nc-clients.ts). It tells each
 * epoll_wait that returned something and each answer as they come; then what the nc clients
 * printed, the figures, and the pcap.
 */
import { hasNc, NC_MISSING } from '../../harness/phy/tun/nc';
import type { TunPair } from '../../harness/phy/tun/tun-pair';
import { deferred } from './deferred';
import type { EpollDemoOptions } from './epoll-options';
import { DemoFailure, explain } from './failure';
import type { DemoIo } from './io';
import { figureLines, LoopTally, wallTimeLine, type LoopFigures } from './loop-tally';
import { ncCommandLine, runNcClients, type NcResult } from './nc-clients';
import { showEpollWait, showEvents, stamp } from './narrator';
import { stackLabel } from './options';
import { realtimeCalls } from './realtime-calls';
import { ANSWER, REQUEST, TEMPERATURE_PORT, type EpollRun } from './temperature';
import { temperatureLoop } from './temperature-loop';
import { answerLine, linuxLine, openTunStage, writeTunPcap } from './tun-stage';

/** epoll_wait's timeout over TUN: how soon the loop sees that the clients are done. */
const SLICE_MS = 50;

/** Run the demo over TUN; returns the exit status, the loop's figures, and what each nc printed. */
export async function runOverTun(options: EpollDemoOptions, io: DemoIo): Promise<EpollRun> {
  if (!hasNc()) {
    io.err(`This demo needs nc over TUN: ${NC_MISSING}`);
    return { status: 1, heard: [] };
  }
  const startedMs = performance.now();
  const pair = await openTunStage(options, io);
  if (!pair) return { status: 1, heard: [] };
  const clock = (): string => stamp(Math.round(pair.stack.nowMs() * 1000));
  const tally = new LoopTally({
    waited: ({ ep, maxEvents, timeoutMs, events }) => {
      // A timeout is the loop's moment to see whether it should stop: nothing to tell.
      if (events.length > 0) io.out(`${clock()} server: ${showEpollWait(ep, maxEvents, timeoutMs)} = ${showEvents(events)}   (${tally.figures.registered} registered)`);
    },
    answered: (from, request, answer) => io.out(answerLine({ protocol: 'TCP', from, request, answer, atMs: pair.stack.nowMs() })),
  });
  let finished = false;
  const listening = deferred();
  const serving = temperatureLoop(realtimeCalls(pair.stack), { waitMs: SLICE_MS, done: () => finished, watch: tally, onListening: listening.resolve });
  let heard: NcResult[] = [];
  let status = 0;
  try {
    await Promise.race([listening.promise, serving]);
    introduce(io, pair, options);
    heard = await runNcClients(pair, options.clients);
    finished = true;
    await serving;
    checkHeard(heard);
  } catch (error) {
    status = 1;
    io.out('');
    io.out(`FAILED: ${explain(error, stackLabel(options.stack)).join('\n')}`);
  } finally {
    finished = true;
    await serving.catch(() => undefined);
    await pair.close();
  }
  io.out('');
  const printed = heard.length === 0 ? '' : `${heard.filter(isAnswer).length} of ${options.clients} nc clients printed ${JSON.stringify(ANSWER)}; `;
  io.out(`${printed}the namespace and its TUN device are gone.`);
  writeTunPcap(io, pair, options.pcap);
  // A server that never waited has no figures to show.
  if (tally.figures.waits > 0) showFigures(io, tally.figures, options.clients, startedMs);
  return { status, figures: tally.figures, heard };
}

/** The run in figures, at its end; `startedMs` is when it began. */
function showFigures(io: DemoIo, figures: LoopFigures, clients: number, startedMs: number): void {
  io.out('');
  io.out('In figures:');
  for (const line of figureLines(figures, clients)) io.out(line);
  io.out(wallTimeLine(startedMs, 'the namespace and the nc processes started, the answers, the namespace closed'));
}

/** Who serves, who asks, and the command each client runs. */
function introduce(io: DemoIo, pair: TunPair, options: EpollDemoOptions): void {
  io.out('The temperature service as one epoll event loop, over TUN: a socklab stack serves, Linux asks with nc');
  io.out(`  server  ${pair.stackAddress}, TCP port ${TEMPERATURE_PORT}: one thread, one epoll instance; answers ${JSON.stringify(REQUEST)} with ${JSON.stringify(ANSWER)}   (${stackLabel(options.stack)}, on the wall clock; seed ${options.seed})`);
  io.out(linuxLine(pair));
  io.out(`  clients ${options.clients} nc processes at once, each:  ${ncCommandLine(pair)}`);
  io.out('');
}

/** nc prints the answer, and the line ending the request had: "42 C\n". */
function isAnswer(result: NcResult): boolean {
  return result.output === `${ANSWER}\n`;
}

/** Fail unless every nc printed the answer. */
function checkHeard(heard: readonly NcResult[]): void {
  const wrong = heard.flatMap((result, i) => (isAnswer(result) ? [] : [`nc ${i + 1} printed ${JSON.stringify(result.output)} and exited with ${result.status}${result.errors === '' ? '' : `: ${result.errors.trim()}`}`]));
  if (wrong.length > 0) throw new DemoFailure(`not every nc client got its answer:\n  ${wrong.join('\n  ')}`);
}
