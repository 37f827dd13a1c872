/**
 * Classic libpcap files (the format of tcpdump and Wireshark) with LINKTYPE_RAW: each record is
 * a bare IPv4 packet, which is what socklab's links carry. Timestamps come from the simulator's
 * virtual clock in integer microseconds, the unit pcap records carry.
 */
import { writeFile } from 'node:fs/promises';
import { fail, ok, type Decoded } from '../wire/result';

/** Link type of records that start with an IPv4 or IPv6 header, with no link-layer header. */
export const LINKTYPE_RAW = 101;
/** The largest packet a record holds whole; an IPv4 packet is never longer. */
export const PCAP_SNAPLEN = 65535;

const MAGIC = 0xa1b2c3d4;
const FILE_HEADER = 24;
const RECORD_HEADER = 16;
const US_PER_S = 1_000_000;

/** One captured packet. */
export interface PcapRecord {
  /** Capture time in microseconds. */
  readonly timeUs: number;
  /** The captured bytes (the packet, unless it was cut to the snap length). */
  readonly data: Uint8Array;
  /** The packet's length on the wire. */
  readonly originalLength: number;
}

/** The content of a pcap file. */
export interface PcapFile {
  readonly linkType: number;
  readonly snaplen: number;
  readonly records: readonly PcapRecord[];
}

/**
 * Collects packets in memory and writes them as one pcap file. Written little-endian, so that the
 * same packets give the same file on every host.
 */
export class PcapWriter {
  private readonly chunks: Buffer[] = [];

  constructor() {
    const header = Buffer.alloc(FILE_HEADER);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt16LE(2, 4); // version 2.4
    header.writeUInt16LE(4, 6);
    // Bytes 8-15 are the time zone offset and timestamp accuracy, both 0 by convention.
    header.writeUInt32LE(PCAP_SNAPLEN, 16);
    header.writeUInt32LE(LINKTYPE_RAW, 20);
    this.chunks.push(header);
  }

  /** Records `packet` (copied) as captured at `timeUs`, a non-negative integer number of microseconds. */
  add(timeUs: number, packet: Uint8Array): void {
    if (!Number.isSafeInteger(timeUs) || timeUs < 0 || timeUs / US_PER_S >= 2 ** 32) {
      throw new RangeError(`pcap time ${timeUs} µs is not a non-negative integer below 2^32 s`);
    }
    const captured = Math.min(packet.length, PCAP_SNAPLEN);
    const record = Buffer.alloc(RECORD_HEADER + captured);
    record.writeUInt32LE(Math.floor(timeUs / US_PER_S), 0);
    record.writeUInt32LE(timeUs % US_PER_S, 4);
    record.writeUInt32LE(captured, 8);
    record.writeUInt32LE(packet.length, 12);
    record.set(packet.subarray(0, captured), RECORD_HEADER);
    this.chunks.push(record);
  }

  /** The pcap file's bytes. */
  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }

  /** Writes the pcap file to `path`. */
  async writeFile(path: string): Promise<void> {
    await writeFile(path, this.toBuffer());
  }
}

/** Reads a classic pcap file of either byte order; never throws. */
export function readPcap(bytes: Uint8Array): Decoded<PcapFile> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < FILE_HEADER) return fail(`pcap file header needs ${FILE_HEADER} bytes, only ${buf.length} present`);
  const littleEndian = buf.readUInt32LE(0) === MAGIC;
  if (!littleEndian && buf.readUInt32BE(0) !== MAGIC) {
    return fail(`magic number 0x${buf.readUInt32BE(0).toString(16)} is not that of a microsecond pcap file (0xa1b2c3d4)`);
  }
  const u16 = (at: number) => (littleEndian ? buf.readUInt16LE(at) : buf.readUInt16BE(at));
  const u32 = (at: number) => (littleEndian ? buf.readUInt32LE(at) : buf.readUInt32BE(at));
  if (u16(4) !== 2) return fail(`pcap version ${u16(4)}.${u16(6)} is not 2.x`);
  const records: PcapRecord[] = [];
  for (let at = FILE_HEADER; at < buf.length; ) {
    const n = records.length + 1;
    if (at + RECORD_HEADER > buf.length) return fail(`record ${n} at byte ${at}: header cut short`);
    const usec = u32(at + 4);
    const captured = u32(at + 8);
    if (usec >= US_PER_S) return fail(`record ${n} at byte ${at}: microseconds ${usec} not below 1000000`);
    if (at + RECORD_HEADER + captured > buf.length) {
      return fail(`record ${n} at byte ${at}: ${captured} bytes captured, only ${buf.length - at - RECORD_HEADER} remain`);
    }
    records.push({
      timeUs: u32(at) * US_PER_S + usec,
      data: Uint8Array.from(buf.subarray(at + RECORD_HEADER, at + RECORD_HEADER + captured)),
      originalLength: u32(at + 12),
    });
    at += RECORD_HEADER + captured;
  }
  return ok({ linkType: u32(20), snaplen: u32(16), records });
}
