/**
 * What a failing network test leaves behind for the student: its packets as a pcap under a
 * predictable path in `artifacts/`, and a message with the seed, the virtual time and a ladder
 * diagram of the last packets.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PcapWriter } from '../phy/pcap';
import { formatTime } from '../sim/errors';
import type { Trace } from '../sim/trace';
import { ladder, type LadderEntry, type LadderSide } from './ladder';

/** The repository (or exported student repository) root: harness/checks is two levels below. */
const ROOT = path.resolve(__dirname, '..', '..');

/** Everything known about a failed run. */
export interface FailedRun {
  /** The test file, absolute or relative to the root. */
  readonly testFile: string;
  /** The test's full name, as jest prints it. */
  readonly testName: string;
  readonly seed: number;
  readonly nowUs: number;
  /** Every packet the stack under test and its peer put on the wire, in time order. */
  readonly packets: readonly LadderEntry[];
  readonly sides: readonly [LadderSide, LadderSide];
  /** The command that reruns exactly this case, when it is not the test's jest command (a packet script's). */
  readonly rerun?: string;
}

/**
 * `artifacts/<test file without .test.ts or .pkt>/<test name>.pcap`, relative to the root; a file
 * outside the root counts by its name alone.
 */
export function artifactPath(testFile: string, testName: string): string {
  const relative = path.relative(ROOT, path.resolve(ROOT, testFile));
  // A file outside the repository (a script run from elsewhere) keeps its pcap inside artifacts/.
  const inside = relative.startsWith('..') || path.isAbsolute(relative) ? path.basename(relative) : relative;
  const file = inside.replace(/\.test\.ts$|\.pkt$/, '');
  const slug = testName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 100) || 'test';
  return path.join('artifacts', file, `${slug}.pcap`);
}

/** Write the run's pcap; returns its path relative to the root. */
export function savePcap(run: FailedRun): string {
  const relative = artifactPath(run.testFile, run.testName);
  const writer = new PcapWriter();
  for (const entry of run.packets) writer.add(entry.timeUs, entry.packet);
  const absolute = path.join(ROOT, relative);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  fs.writeFileSync(absolute, writer.toBuffer());
  return relative;
}

/** The lines appended to a failure: seed and how to rerun, time, pcap, ladder. */
export function evidence(run: FailedRun, pcapPath: string): string {
  const [left, right] = run.sides;
  return [
    `seed:         ${run.seed}   (rerun just this: ${run.rerun ?? `SOCKLAB_SEED=${run.seed} npx jest ${path.relative(ROOT, path.resolve(ROOT, run.testFile))} -t ${shellQuote(run.testName)}`})`,
    `virtual time: ${formatTime(run.nowUs)}`,
    `pcap:         ${pcapPath}   (open it in Wireshark: ${run.packets.length} packets)`,
    run.packets.length > 0 ? `last packets:\n${indent(ladder(run.packets, left, right))}` : 'no packet was sent',
  ].join('\n');
}

/** The packets hosts sent in a trace, each marked with its fate if a link dropped it. */
export function ladderEntries(trace: Trace): LadderEntry[] {
  const drops = new Map<string, string>();
  for (const event of trace.events) if (event.kind === 'drop') drops.set(`${event.link}#${event.index}`, `lost (${event.reason})`);
  return trace.events
    .filter((event) => event.kind === 'send')
    .map((event) => {
      const fate = drops.get(`${event.link}#${event.index}`);
      return fate ? { timeUs: event.timeUs, packet: event.packet, fate } : { timeUs: event.timeUs, packet: event.packet };
    });
}

/** `text` as one single-quoted shell word. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
