/**
 * The capture file of a run: the packets hosts sent, as pcapng, in time order. A packet a link
 * dropped is there once, as it was sent, with a comment that says it was dropped and why
 * (Wireshark shows it as the packet's comment, `frame.comment`): without it the capture would show
 * the packet as if it had been delivered, and only the ladder diagram would tell otherwise.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PcapngWriter } from '../phy/pcapng';
import type { LadderEntry } from './ladder';

/** The extension of every capture socklab writes. */
export const CAPTURE_EXTENSION = '.pcapng';

/** What a link's drop reason means, where the reason alone would be cryptic in Wireshark. */
const EXPLAINED: Readonly<Record<string, string>> = {
  'queue full': 'queue full (drop-tail)',
  scripted: 'scripted drop (on purpose)',
};

/** The comment a dropped packet carries, e.g. "dropped by the link: loss". */
export function dropComment(reason: string): string {
  return `dropped by the link: ${EXPLAINED[reason] ?? reason}`;
}

/** The pcapng bytes of `entries`. */
export function captureBytes(entries: readonly LadderEntry[]): Buffer {
  const writer = new PcapngWriter();
  for (const entry of entries) {
    writer.add(entry.timeUs, entry.packet, entry.dropReason === undefined ? undefined : dropComment(entry.dropReason));
  }
  return writer.toBuffer();
}

/** Write `entries` as a pcapng file at `file`, making its folder if needed. */
export function writeCapture(file: string, entries: readonly LadderEntry[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, captureBytes(entries));
}
