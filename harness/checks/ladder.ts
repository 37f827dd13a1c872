/**
 * A ladder diagram of packets between two hosts, the way a lecture draws a TCP exchange:
 *
 *       time   10.0.0.1 (stack)          10.0.0.2 (peer)
 *      0.000   |------------------------>|  10.0.0.1:49152 > 10.0.0.2:7: UDP, length 5
 *      2.000   |<------------------------|  10.0.0.2 > 10.0.0.1: ICMP ...
 *      3.000   |------------x            |  lost (loss): 10.0.0.1:49152 > ...
 *
 * Sequence numbers print relative to each side's ISN, as in Wireshark.
 */
import { bytesToAddress, decodePacket, formatPacket, isnsFromSyns, type Packet } from '../wire';
import { formatTime } from '../sim/errors';

/** One packet on the wire, as a trace saw it. */
export interface LadderEntry {
  readonly timeUs: number;
  readonly packet: Uint8Array;
  /** Set when the packet never arrived: why the link dropped it (`loss`, `queue full`). */
  readonly dropReason?: string;
  /** Set when it arrived damaged: what the link changed, e.g. `byte 57 (0x39) arrived as 0x1a, sent as 0x12`. */
  readonly damage?: string;
}

/** A host at one side of the ladder. */
export interface LadderSide {
  readonly address: string;
  readonly name: string;
}

const ARROW_WIDTH = 26;

/**
 * The last `limit` entries as a ladder between `left` and `right`, times shown by `showTime` (a
 * demo shows them as its other lines do).
 */
export function ladder(entries: readonly LadderEntry[], left: LadderSide, right: LadderSide, limit = 20, showTime: (us: number) => string = formatTime): string {
  const decoded = entries.map((entry) => decodePacket(entry.packet)).flatMap((d): Packet[] => (d.ok ? [d.value] : []));
  const isn = isnsFromSyns(decoded);
  const shown = entries.slice(-limit);
  const times = shown.map((entry) => showTime(entry.timeUs));
  const timeWidth = Math.max(4, ...times.map((t) => t.length));
  const leftTitle = `${left.address} (${left.name})`;
  const header = `${'time'.padStart(timeWidth)}   ${leftTitle.padEnd(ARROW_WIDTH + 2)}${right.address} (${right.name})`;
  const rows = shown.map((entry, i) => {
    const fromLeft = sourceAddress(entry.packet) !== right.address;
    const summary = formatPacket(entry.packet, { isn });
    const text = entry.dropReason !== undefined ? `lost (${entry.dropReason}): ${summary}` : entry.damage !== undefined ? `damaged on the way: ${summary}` : summary;
    return `${times[i]!.padStart(timeWidth)}   ${arrow(fromLeft, entry.dropReason !== undefined)}  ${text}`;
  });
  const skipped = entries.length - shown.length;
  return [header, ...(skipped > 0 ? [`${'…'.padStart(timeWidth)}   (${skipped} earlier packets not shown)`] : []), ...rows].join('\n');
}

function arrow(fromLeft: boolean, lost: boolean): string {
  const shaft = ARROW_WIDTH - 1;
  if (lost) {
    const half = '-'.repeat(Math.floor(shaft / 2));
    const gap = ' '.repeat(shaft - half.length);
    return fromLeft ? `|${half}x${gap.slice(1)}|` : `|${gap.slice(1)}x${half}|`;
  }
  return fromLeft ? `|${'-'.repeat(shaft - 1)}>|` : `|<${'-'.repeat(shaft - 1)}|`;
}

function sourceAddress(packet: Uint8Array): string | undefined {
  return packet.length >= 20 ? bytesToAddress(packet, 12) : undefined;
}
