/**
 * What went over the wire in a demo: ladder diagrams of one scene's packets (the same diagram a
 * failing test prints) and the pcap of the whole run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ladder, type LadderEntry, type LadderSide } from '../../harness/checks/ladder';
import { PcapWriter } from '../../harness/phy/pcap';
import { formatTime } from '../../harness/sim/errors';
import type { Trace } from '../../harness/sim/trace';
import { checksumProblems, decodePacket, formatPacket } from '../../harness/wire';

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

  /** The packets hosts sent since `mark`, each with its fate if a link lost it. */
  entriesSince(mark = 0): LadderEntry[] {
    const events = this.trace.events.slice(mark);
    const lost = new Map<string, string>();
    for (const event of events) if (event.kind === 'drop') lost.set(`${event.link}#${event.index}`, `lost (${event.reason})`);
    return events
      .filter((event) => event.kind === 'send')
      .map((event) => {
        const fate = lost.get(`${event.link}#${event.index}`);
        return fate === undefined ? { timeUs: event.timeUs, packet: event.packet } : { timeUs: event.timeUs, packet: event.packet, fate };
      });
  }

  /** The ladder diagram of the packets since `mark`, indented for the story; a note when there are none. */
  ladderSince(mark: number, indent = '    '): string {
    const entries = this.entriesSince(mark);
    if (entries.length === 0) return `${indent}(no packet was sent)`;
    return ladder(entries, this.left, this.right, 50)
      .split('\n')
      .map((line) => `${indent}${line}`)
      .join('\n');
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
      const at = formatTime(entry.timeUs).padStart(11);
      if (!decoded.ok) problems.push(`${at}  malformed (${decoded.reason})`);
      else if (checksumProblems(decoded.value).length > 0) problems.push(`${at}  ${formatPacket(decoded.value)}`);
      else if (decoded.value.kind === 'udp' && decoded.value.udp.header.checksum === 0) {
        problems.push(`${at}  ${formatPacket(decoded.value)} [UDP checksum 0: none computed]`);
      }
    }
    return problems;
  }

  /** Write every packet sent so far to `file` (LINKTYPE_RAW, virtual timestamps); returns how many. */
  writePcap(file: string): number {
    const entries = this.entriesSince(0);
    const writer = new PcapWriter();
    for (const entry of entries) writer.add(entry.timeUs, entry.packet);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, writer.toBuffer());
    return entries.length;
  }
}
