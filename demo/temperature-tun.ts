/**
 * `npm run demo -- temperature-tun`: the lecture's temperature service served by a socklab stack
 * to the real Linux kernel, over TUN, on the wall clock.
 *
 * The stack (`--stack`, the reference unless told) is 10.0.0.2; Linux is 10.0.0.1, in a network
 * namespace of its own at the other end of a TUN device (harness/phy/tun). The demo prints the
 * exact commands a person runs in another terminal to ask from Linux — `nc` inside the namespace —
 * and one line for every answer; it serves until Ctrl-C, `--once`, `--requests N` or `--seconds S`,
 * then closes the namespace and writes the packets as a pcapng.
 *
 * Exit status: 0 when it served until told to stop, 1 when the TUN bridge cannot run here or the
 * stack failed (the reason is printed), 2 for a bad command line.
 */
import type { TunPair } from '../harness/phy/tun/tun-pair';
import { deferred } from './lib/deferred';
import { explain } from './lib/failure';
import { consoleIo, demo, type Demo, type DemoIo } from './lib/io';
import { counted } from './lib/narrator';
import { readCommandLine, stackLabel } from './lib/options';
import { parseServeOptions, serveUsage, type ServeDemoOptions } from './lib/serve-options';
import { ANSWER, REQUEST, TEMPERATURE_PORT } from './lib/temperature';
import { serveTemperature, type Served } from './lib/temperature-service';
import { answerLine, enterCommand, linuxLine, openTunStage, writeTunPcap } from './lib/tun-stage';

const NAME = 'temperature-tun';
/** What it shows, for the list of demos and the help. */
const SUMMARY = 'the temperature service served by a socklab stack to the real Linux kernel over TUN: ask it with nc';

/** What `run` found: the exit status, and every request answered (for tests). */
export interface TemperatureTunRun {
  readonly status: number;
  readonly served: readonly Served[];
}

/** The demo as `npm run demo` lists it. */
export const temperatureTun: Demo = demo(NAME, SUMMARY, run);

/** Run the demo; returns the exit status and what it answered. */
export async function run(args: readonly string[], io: DemoIo = consoleIo): Promise<TemperatureTunRun> {
  const options = readCommandLine(args, io, (given) => parseServeOptions(NAME, given), serveUsage(NAME, SUMMARY));
  if (typeof options === 'number') return { status: options, served: [] };
  const pair = await openTunStage(options, io);
  if (!pair) return { status: 1, served: [] };
  const served: Served[] = [];
  const stop = deferred();
  const onInterrupt = (): void => {
    io.out('(Ctrl-C: stopping)');
    stop.resolve();
  };
  process.once('SIGINT', onInterrupt);
  const timer = options.seconds === undefined ? undefined : setTimeout(stop.resolve, options.seconds * 1000);
  let status = 0;
  try {
    await serveTemperature(pair.stack, {
      until: stop.promise,
      onListening: () => introduce(io, pair, options),
      onServed: (answered) => {
        served.push(answered);
        io.out(answerLine(answered));
        if (options.requests !== undefined && served.length >= options.requests) stop.resolve();
      },
    });
  } catch (error) {
    status = 1;
    io.out('');
    io.out(`FAILED: ${explain(error, stackLabel(options.stack)).join('\n')}`);
  } finally {
    process.off('SIGINT', onInterrupt);
    clearTimeout(timer);
    await pair.close();
  }
  io.out('');
  io.out(`Stopped after ${counted(served.length, 'answer')}; the namespace and its TUN device are gone.`);
  writeTunPcap(io, pair, options.pcap);
  return { status, served };
}

/** Who serves, who asks, and the commands that ask. */
function introduce(io: DemoIo, pair: TunPair, options: ServeDemoOptions): void {
  const enter = enterCommand(pair);
  const service = `${pair.stackAddress} ${TEMPERATURE_PORT}`;
  io.out('The temperature service over TUN: a socklab stack serves, the Linux kernel asks');
  io.out(`  server  ${pair.stackAddress}, UDP and TCP port ${TEMPERATURE_PORT}: answers ${JSON.stringify(REQUEST)} with ${JSON.stringify(ANSWER)}   (${stackLabel(options.stack)}, on the wall clock; seed ${options.seed})`);
  io.out(linuxLine(pair));
  io.out('');
  io.out(`Ask it from Linux, in another terminal, as ${process.getuid?.() === 0 ? 'root' : 'this user'}:`);
  io.out(`  echo '${REQUEST}' | ${enter} nc -u -w1 ${service}`);
  io.out(`  echo '${REQUEST}' | ${enter} nc ${service}`);
  io.out('(the first asks over UDP, the second over TCP; nc is in the Debian package netcat-openbsd)');
  io.out('');
  const until = [
    options.requests === undefined ? undefined : counted(options.requests, 'answer'),
    options.seconds === undefined ? undefined : `${options.seconds} s`,
  ].filter((part) => part !== undefined);
  io.out(`Serving until ${until.length > 0 ? `${until.join(' or ')}, or ` : ''}Ctrl-C.`);
}
