/**
 * What went over the wire in a demo: ladder diagrams of one scene's packets (the same diagram a
 * failing test prints) and the pcapng of the whole run.
 */
import { writeCapture } from '../../harness/checks/capture';
import { ladderEntries } from '../../harness/checks/evidence';
import { ladder, type LadderEntry, type LadderSide } from '../../harness/checks/ladder';
import type { Trace } from '../../harness/sim/trace';
import { bytesToAddress, checksumProblems, decodePacket, formatFlags, formatPacket } from '../../harness/wire';
import { demoTime } from './narrator';

export class Wire {
  constructor(
    private readonly trace: Trace,
    private readonly left: LadderSide,
    private readonly right: LadderSide,
  ) {}

  /** A position in the trace: pass it to {@link Wire.ladderSince} to draw what came after. */
  mark(): number {
    return this.trace.events.length;
  }

  /** The packets hosts sent since `mark`, each with its drop reason if a link lost it. */
  entriesSince(mark = 0): LadderEntry[] {
    return ladderEntries(this.trace, mark);
  }

  /**
   * The ladder diagram of the packets between the two sides since `mark` (other hosts' are left
   * out), indented for the story; a note when there are none.
   */
  ladderSince(mark: number, indent = '    '): string {
    const sides = new Set([this.left.address, this.right.address]);
    const entries = this.entriesSince(mark).filter((entry) => {
      const ends = ipv4Ends(entry.packet);
      return ends !== undefined && sides.has(ends.source) && sides.has(ends.destination);
    });
    if (entries.length === 0) return `${indent}(no packet was sent)`;
    return ladder(entries, this.left, this.right, 50, demoTime)
      .split('\n')
      .map((line) => `${indent}${line}`)
      .join('\n');
  }

  /**
   * The TCP packets since `mark`, counted by their flags as tcpdump prints them, most first:
   * `999 [S], 999 [S.], 999 [.]` — what a crowd's packets look like when a ladder would be too long.
   */
  flagCountsSince(mark: number): string {
    const counts = new Map<string, number>();
    for (const entry of this.entriesSince(mark)) {
      const decoded = decodePacket(entry.packet);
      const kind = decoded.ok && decoded.value.kind === 'tcp' ? `[${formatFlags(decoded.value.tcp.header.flags)}]` : 'not TCP';
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    if (counts.size === 0) return '(no packet was sent)';
    return [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([kind, count]) => `${count} ${kind}`)
      .join(', ');
  }

  /**
   * What is wrong with the packets sent so far, one line each: malformed packets, checksums that
   * do not verify, UDP checksums left out (0). Two hosts on the same stack agree with each other
   * even when both are wrong, so the demo checks the wire against the harness's own codecs.
   */
  problems(): string[] {
    const problems: string[] = [];
    for (const entry of this.entriesSince(0)) {
      const decoded = decodePacket(entry.packet);
      const at = demoTime(entry.timeUs).padStart(11);
      if (!decoded.ok) problems.push(`${at}  malformed (${decoded.reason})`);
      else if (checksumProblems(decoded.value).length > 0) problems.push(`${at}  ${formatPacket(decoded.value)}`);
      else if (decoded.value.kind === 'udp' && decoded.value.udp.header.checksum === 0) {
        problems.push(`${at}  ${formatPacket(decoded.value)} [UDP checksum 0: none computed]`);
      }
    }
    return problems;
  }

  /** Write every packet sent so far to `file` (pcapng, virtual timestamps, lost ones commented); returns how many. */
  writePcap(file: string): number {
    const entries = this.entriesSince(0);
    writeCapture(file, entries);
    return entries.length;
  }
}

/** An IPv4 packet's source and destination addresses; undefined for a packet too short to have them. */
function ipv4Ends(packet: Uint8Array): { readonly source: string; readonly destination: string } | undefined {
  return packet.length >= 20 ? { source: bytesToAddress(packet, 12), destination: bytesToAddress(packet, 16) } : undefined;
}
