/**
 * `npm run demo -- NAME [options]`: run one of socklab's demos. Each demo is one file in this
 * folder exporting a {@link Demo}; list it in DEMOS below. `--help` prints the list of demos; with
 * no name, or an unknown one, the list is printed as an error and the exit status is 2.
 */
import { exitStatusHelp } from '../harness/cli/exit-status';
import { consoleIo, type Demo, type DemoIo } from './lib/io';
import { temperatureEpoll } from './temperature-epoll';
import { temperatureTcp } from './temperature-tcp';
import { temperatureTun } from './temperature-tun';
import { temperatureUdp } from './temperature-udp';

/** Every demo, in the order `npm run demo` lists them. */
export const DEMOS: readonly Demo[] = [temperatureUdp, temperatureTcp, temperatureTun, temperatureEpoll];

/** Run the demo named by `args[0]` with the rest of `args`; returns the exit status. */
export async function runDemo(args: readonly string[], io: DemoIo = consoleIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === '--help' || name === '-h') {
    io.out(demoList());
    return 0;
  }
  const demo = DEMOS.find((d) => d.name === name);
  if (!demo) {
    if (name !== undefined) io.err(`unknown demo ${JSON.stringify(name)}`);
    io.err(demoList());
    return 2;
  }
  return demo.main(rest, io);
}

/** What `npm run demo` does, its demos, and its exit statuses (each demo's own are in its --help). */
function demoList(): string {
  const width = Math.max(...DEMOS.map((d) => d.name.length));
  return [
    "npm run demo: run one of socklab's demos, told syscall by syscall.",
    '',
    'usage: npm run demo -- NAME [options]      (npm run demo -- NAME --help lists the options)',
    'demos:',
    ...DEMOS.map((d) => `  ${d.name.padEnd(width)}  ${d.summary}`),
    exitStatusHelp({ 0: 'the demo ran as it should (or --help)', 1: 'the demo failed (the reason is printed)', 2: 'no demo named, an unknown one, or a bad command line' }),
  ].join('\n');
}

if (require.main === module) {
  runDemo(process.argv.slice(2)).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exitCode = 1;
    },
  );
}
