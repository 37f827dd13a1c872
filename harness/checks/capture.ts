/**
 * The capture file of a run: the packets hosts sent, as pcapng, in time order. A packet a link
 * dropped is there once, as it was sent, with a comment that says it was dropped and why
 * (Wireshark shows it as the packet's comment, `frame.comment`): without it the capture would show
 * the packet as if it had been delivered, and only the ladder diagram would tell otherwise. A
 * packet a link damaged is there as it was sent too, with a comment that says which byte arrived
 * changed: the capture shows a packet that is fine, and the receiver was right to drop it.
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

/**
 * What a link changed in a packet it delivered damaged: the first changed byte, by its offset as
 * Wireshark's bytes pane counts it, e.g. `byte 57 (0x39) arrived as 0x1a, sent as 0x12`.
 */
export function describeDamage(sent: Uint8Array, delivered: Uint8Array): string {
  const at = sent.findIndex((byte, i) => delivered[i] !== byte);
  if (at < 0) return `${delivered.length} bytes arrived of ${sent.length}`;
  const hex = (n: number): string => `0x${n.toString(16).padStart(2, '0')}`;
  return `byte ${at} (0x${at.toString(16)}) arrived as ${hex(delivered[at]!)}, sent as ${hex(sent[at]!)}`;
}

/** The comment a damaged packet carries, e.g. "damaged by the link: byte 57 (0x39) arrived as 0x1a, sent as 0x12". */
export function damageComment(damage: string): string {
  return `damaged by the link: ${damage} (the receiver's checksum must reject it)`;
}

/** The comment of `entry`, if it was dropped or damaged. */
function commentOf(entry: LadderEntry): string | undefined {
  if (entry.dropReason !== undefined) return dropComment(entry.dropReason);
  return entry.damage === undefined ? undefined : damageComment(entry.damage);
}

/** The pcapng bytes of `entries`. */
export function captureBytes(entries: readonly LadderEntry[]): Buffer {
  const writer = new PcapngWriter();
  for (const entry of entries) writer.add(entry.timeUs, entry.packet, commentOf(entry));
  return writer.toBuffer();
}

/** Write `entries` as a pcapng file at `file`, making its folder if needed. */
export function writeCapture(file: string, entries: readonly LadderEntry[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, captureBytes(entries));
}
