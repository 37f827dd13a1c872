/**
 * The end of a simulator demo's run: packets on the wire checked, the kernels' counters shown, the
 * first failure explained, the pcap written.
 */
import { zeroCounters, type CounterName, type Counters } from '../../harness/contract';
import type { Host } from '../../harness/sim/host';
import { DemoFailure } from './failure';
import type { Failures } from './failures';
import { counted, type Narrator } from './narrator';
import { shownPath, type DemoOptions } from './options';
import type { Scenes } from './scenes';
import type { Wire } from './wire';

/** Which counters the summary shows: those whose name matches, under a title. */
export interface CounterFamily {
  /** `UDP and ICMP`. */
  readonly title: string;
  readonly pattern: RegExp;
}

/** Whose counters the summary shows: `server`, and how to read them. */
export interface CountedHost {
  readonly label: string;
  counters(): Promise<Counters>;
}

/** The counters of `hosts` added up, under one `label`: a crowd's. */
export function addedUp(label: string, hosts: readonly Host[]): CountedHost {
  return {
    label,
    async counters() {
      const sum = zeroCounters();
      for (const host of hosts) {
        const counters = await host.syscall('counters');
        for (const name of Object.keys(sum) as CounterName[]) sum[name] += counters[name];
      }
      return sum;
    },
  };
}

/** What the end of a run works with. */
export interface Ending {
  readonly options: DemoOptions;
  readonly narrator: Narrator;
  readonly wire: Wire;
  readonly scenes: Scenes;
  readonly failures: Failures;
}

/** End the run: check the wire, show `family`'s counters of each of `hosts`, explain the first failure, write the pcap. Returns the exit status. */
export async function finale(ending: Ending, family: CounterFamily, hosts: readonly CountedHost[]): Promise<number> {
  const { narrator, wire, options, scenes, failures } = ending;
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
  narrator.line(`Counters (${family.title}, as nstat names them):`);
  for (const host of hosts) narrator.line(`  ${host.label}: ${await showCounters(host, family.pattern)}`);
  if (failures.count > 0) {
    narrator.line();
    narrator.line(`FAILED: ${failures.explanation()}`);
  }
  if (wire.entriesSince(0).length > 0) {
    const count = wire.writePcap(options.pcap);
    const pcap = shownPath(options.pcap);
    narrator.line();
    narrator.line(`pcap: ${pcap} (${counted(count, 'packet')}, each captured as it left its host: a lost one too, with a comment saying why)`);
    narrator.line(`  open it with:  wireshark ${pcap}    or in a terminal:  tshark -r ${pcap}`);
    if (wire.entriesSince(0).some((entry) => entry.dropReason !== undefined)) {
      narrator.line(`  why each lost packet was lost:  tshark -r ${pcap} -Y frame.comment -T fields -e frame.number -e frame.comment`);
    }
  }
  return failures.count === 0 ? 0 : 1;
}

/** The host's counters that match `pattern` and are not 0: `UdpInDatagrams 2, UdpNoPorts 1, ...`. */
async function showCounters(host: CountedHost, pattern: RegExp): Promise<string> {
  let counters: Counters;
  try {
    counters = await host.counters();
  } catch (error) {
    return `(counters() failed: ${error instanceof Error ? error.message : String(error)})`;
  }
  const shown = Object.entries(counters)
    .filter(([name, value]) => pattern.test(name) && value !== 0)
    .map(([name, value]) => `${name} ${value}`);
  return shown.length > 0 ? shown.join(', ') : 'all 0';
}
