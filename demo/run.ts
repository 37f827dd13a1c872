/**
 * `npm run demo -- NAME [options]`: run one of socklab's demos. Each demo is one file in this
 * folder exporting a {@link Demo}; list it in DEMOS below. With no name, or an unknown one, the
 * list of demos is printed and the exit status is 2.
 */
import { consoleIo, type Demo, type DemoIo } from './lib/io';
import { temperatureTcp } from './temperature-tcp';
import { temperatureTun } from './temperature-tun';
import { temperatureUdp } from './temperature-udp';

/** Every demo, in the order `npm run demo` lists them. */
export const DEMOS: readonly Demo[] = [temperatureUdp, temperatureTcp, temperatureTun];

/** Run the demo named by `args[0]` with the rest of `args`; returns the exit status. */
export async function runDemo(args: readonly string[], io: DemoIo = consoleIo): Promise<number> {
  const [name, ...rest] = args;
  const demo = DEMOS.find((d) => d.name === name);
  if (!demo) {
    if (name !== undefined && name !== '--help' && name !== '-h') io.err(`unknown demo ${JSON.stringify(name)}`);
    io.err('usage: npm run demo -- NAME [options]      (npm run demo -- NAME --help lists the options)');
    io.err('demos:');
    const width = Math.max(...DEMOS.map((d) => d.name.length));
    for (const d of DEMOS) io.err(`  ${d.name.padEnd(width)}  ${d.summary}`);
    return 2;
  }
  return demo.main(rest, io);
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
