/**
 * What a failing network test leaves behind for the student: its packets as a pcapng under a
 * predictable path in `artifacts/` (at the root, or beside the grader's report), a time–sequence graph beside it when the run carried a
 * transfer, and a message with the seed, the virtual time and a ladder diagram of the last packets.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathInside } from '../loader/path-inside';
import { formatTime } from '../sim/errors';
import type { Trace } from '../sim/trace';
import { CAPTURE_EXTENSION, describeDamage, writeCapture } from './capture';
import { ladder, type LadderEntry, type LadderSide } from './ladder';
import { timeSequence } from './time-sequence';
import { timeSequenceSvg } from './time-sequence-svg';

/** The repository (or exported student repository) root: harness/checks is two levels below. */
const ROOT = path.resolve(__dirname, '..', '..');

/** The environment variable naming the folder that holds `artifacts/`, when not the root (the grader sets it). */
export const EVIDENCE_BASE_VARIABLE = 'SOCKLAB_EVIDENCE_BASE';

/**
 * The folder `artifacts/` paths are relative to: the root, or the folder the grader named, so
 * that each grading keeps its evidence beside its report rather than in the one repository-wide
 * `artifacts/`, where the next grading would overwrite it while this report still names it.
 */
function evidenceBase(): string {
  const base = process.env[EVIDENCE_BASE_VARIABLE];
  return base && path.isAbsolute(base) ? base : ROOT;
}

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
 * `artifacts/<test file without .test.ts or .pkt>/<test name>.pcapng`, relative to the evidence
 * base; a test file outside the root counts by its name alone.
 */
export function artifactPath(testFile: string, testName: string): string {
  // A file outside the repository (a script run from elsewhere) keeps its pcap inside artifacts/.
  const inside = pathInside(ROOT, path.resolve(ROOT, testFile)) ?? path.basename(testFile);
  const file = inside.replace(/\.test\.ts$|\.pkt$/, '');
  const slug = testName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 100) || 'test';
  return path.join('artifacts', file, `${slug}${CAPTURE_EXTENSION}`);
}

/** Write the run's capture (dropped packets commented, capture.ts); returns its path relative to the evidence base. */
export function savePcap(run: FailedRun): string {
  const relative = artifactPath(run.testFile, run.testName);
  writeCapture(path.join(evidenceBase(), relative), run.packets);
  return relative;
}

/**
 * When the run carried a transfer (time-sequence.ts says when), write its time–sequence graph
 * beside the pcap (`<pcap name>.time-sequence.svg`); returns its path relative to the evidence base.
 */
function saveTimeSequenceGraph(run: FailedRun, pcapPath: string): string | undefined {
  const graph = timeSequence(run.packets);
  if (graph === undefined) return undefined;
  return saveBesidePcap(pcapPath, '.time-sequence.svg', timeSequenceSvg(graph));
}

/**
 * Write `contents` beside the pcap at `pcapPath` (relative to the evidence base), named like it
 * with `suffix` for its extension; returns its path relative to the evidence base.
 */
export function saveBesidePcap(pcapPath: string, suffix: string, contents: string): string {
  const relative = `${pcapPath.slice(0, -CAPTURE_EXTENSION.length)}${suffix}`;
  const file = path.join(evidenceBase(), relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, contents);
  return relative;
}

/** Write the evidence of a failed run (pcap, and graph when there is a transfer); returns the lines for its message. */
export function saveEvidence(run: FailedRun): string {
  const pcapPath = savePcap(run);
  return evidence(run, pcapPath, saveTimeSequenceGraph(run, pcapPath));
}

/** The lines appended to a failure: seed and how to rerun, time, pcap, graph, ladder. */
export function evidence(run: FailedRun, pcapPath: string, graphPath?: string): string {
  const [left, right] = run.sides;
  return [
    `seed:         ${run.seed}   (rerun just this: ${run.rerun ?? `SOCKLAB_SEED=${run.seed} npx jest ${path.relative(ROOT, path.resolve(ROOT, run.testFile))} -t ${shellQuote(run.testName)}`})`,
    `virtual time: ${formatTime(run.nowUs)}`,
    `pcap:         ${pcapPath}   (open it in Wireshark: ${run.packets.length} packet${run.packets.length === 1 ? '' : 's'}${droppedNote(run.packets)})`,
    ...(graphPath === undefined ? [] : [`graph:        ${graphPath}   (time–sequence graph: segments, ACKs, window, retransmissions; open it in a browser)`]),
    run.packets.length > 0 ? `last packets:\n${indent(ladder(run.packets, left, right))}` : 'no packet was sent',
  ].join('\n');
}

/**
 * The packets hosts sent in a trace, from its `since`th event on, each with its drop reason if a
 * link dropped it, or what the link changed if it arrived damaged.
 */
export function ladderEntries(trace: Trace, since = 0): LadderEntry[] {
  const events = trace.events.slice(since);
  const sent = new Map<string, Uint8Array>();
  const drops = new Map<string, string>();
  const damages = new Map<string, string>();
  for (const event of events) {
    const key = `${event.link}#${event.index}`;
    if (event.kind === 'send') sent.set(key, event.packet);
    if (event.kind === 'drop') drops.set(key, event.reason);
    const original = sent.get(key);
    if (event.kind === 'deliver' && original && event.packet !== original && Buffer.compare(event.packet, original) !== 0) damages.set(key, describeDamage(original, event.packet));
  }
  return events
    .filter((event) => event.kind === 'send')
    .map((event) => {
      const key = `${event.link}#${event.index}`;
      const [dropReason, damage] = [drops.get(key), damages.get(key)];
      return { timeUs: event.timeUs, packet: event.packet, ...(dropReason === undefined ? {} : { dropReason }), ...(damage === undefined ? {} : { damage }) };
    });
}

/** How many of `entries` a link dropped or damaged, pointing at their comments; nothing when none was. */
function droppedNote(entries: readonly LadderEntry[]): string {
  const dropped = entries.filter((entry) => entry.dropReason !== undefined).length;
  const damaged = entries.filter((entry) => entry.damage !== undefined).length;
  const what = [dropped > 0 ? `${dropped} dropped` : '', damaged > 0 ? `${damaged} damaged` : ''].filter(Boolean).join(' and ');
  return what === '' ? '' : `, ${what} by a link: see ${dropped + damaged === 1 ? 'its comment' : 'their comments'}`;
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
