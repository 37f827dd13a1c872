/**
 * Reads the pcapng files socklab writes (pcapng.ts), so that tests can check what a capture holds:
 * one section, in either byte order, its interfaces and its Enhanced Packet Blocks with their
 * comments. Other blocks (name resolution, statistics) are skipped; timestamps must be in
 * microseconds, the only resolution socklab writes.
 */
import { fail, ok, type Decoded } from '../wire/result';
import {
  BLOCK_ENHANCED_PACKET,
  BLOCK_INTERFACE,
  BLOCK_SECTION_HEADER,
  BYTE_ORDER_MAGIC,
  OPTION_COMMENT,
  OPTION_END,
  OPTION_TSRESOL,
  TSRESOL_MICROSECONDS,
} from './pcapng';

/** One captured packet. */
export interface PcapngRecord {
  /** The interface it was captured on (its position among the file's interfaces). */
  readonly interfaceId: number;
  /** Capture time in microseconds. */
  readonly timeUs: number;
  /** The captured bytes (the packet, unless it was cut to the snap length). */
  readonly data: Uint8Array;
  /** The packet's length on the wire. */
  readonly originalLength: number;
  /** The packet's comments (`opt_comment`), in order: what Wireshark shows as `frame.comment`. */
  readonly comments: readonly string[];
}

/** An interface a file's packets were captured on. */
export interface PcapngInterface {
  readonly linkType: number;
  readonly snaplen: number;
}

/** The content of a pcapng file. */
export interface PcapngFile {
  readonly interfaces: readonly PcapngInterface[];
  readonly records: readonly PcapngRecord[];
}

interface Option {
  readonly code: number;
  readonly value: Buffer;
}

/** Reads a pcapng file of one section; never throws. */
export function readPcapng(bytes: Uint8Array): Decoded<PcapngFile> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 28) return fail(`pcapng section header needs 28 bytes, only ${buf.length} present`);
  if (buf.readUInt32LE(0) !== BLOCK_SECTION_HEADER) return fail(`block type 0x${buf.readUInt32LE(0).toString(16)} is not a pcapng section header (0xa0d0d0a)`);
  const littleEndian = buf.readUInt32LE(8) === BYTE_ORDER_MAGIC;
  if (!littleEndian && buf.readUInt32BE(8) !== BYTE_ORDER_MAGIC) return fail(`byte-order magic 0x${buf.readUInt32BE(8).toString(16)} is not 0x1a2b3c4d`);
  const u16 = (at: number) => (littleEndian ? buf.readUInt16LE(at) : buf.readUInt16BE(at));
  const u32 = (at: number) => (littleEndian ? buf.readUInt32LE(at) : buf.readUInt32BE(at));
  if (u16(12) !== 1) return fail(`pcapng version ${u16(12)}.${u16(14)} is not 1.x`);

  const interfaces: PcapngInterface[] = [];
  const records: PcapngRecord[] = [];
  for (let at = 0, n = 1; at < buf.length; n++) {
    const where = `block ${n} at byte ${at}`;
    if (at + 12 > buf.length) return fail(`${where}: header cut short`);
    const type = u32(at);
    const length = u32(at + 4);
    if (length < 12 || length % 4 !== 0) return fail(`${where}: length ${length} is not a multiple of 4 of at least 12`);
    if (at + length > buf.length) return fail(`${where}: ${length} bytes long, only ${buf.length - at} remain`);
    if (u32(at + length - 4) !== length) return fail(`${where}: trailing length ${u32(at + length - 4)} differs from ${length}`);
    const body = { start: at + 8, end: at + length - 4 };
    if (type === BLOCK_SECTION_HEADER && at > 0) return fail(`${where}: a second section; only one is read`);
    if (type === BLOCK_INTERFACE) {
      if (body.end - body.start < 8) return fail(`${where}: interface description cut short`);
      const options = readOptions(buf, body.start + 8, body.end, u16);
      if (!options.ok) return fail(`${where}: ${options.reason}`);
      const tsresol = options.value.find((o) => o.code === OPTION_TSRESOL)?.value[0] ?? TSRESOL_MICROSECONDS;
      if (tsresol !== TSRESOL_MICROSECONDS) return fail(`${where}: if_tsresol ${tsresol} is not microseconds (6)`);
      interfaces.push({ linkType: u16(body.start), snaplen: u32(body.start + 4) });
    }
    if (type === BLOCK_ENHANCED_PACKET) {
      if (body.end - body.start < 20) return fail(`${where}: enhanced packet cut short`);
      const interfaceId = u32(body.start);
      if (interfaceId >= interfaces.length) return fail(`${where}: interface ${interfaceId} is not described before it`);
      const captured = u32(body.start + 12);
      const dataEnd = body.start + 20 + captured;
      if (dataEnd > body.end) return fail(`${where}: ${captured} bytes captured, only ${body.end - body.start - 20} in the block`);
      const options = readOptions(buf, dataEnd + ((4 - (captured % 4)) % 4), body.end, u16);
      if (!options.ok) return fail(`${where}: ${options.reason}`);
      records.push({
        interfaceId,
        timeUs: u32(body.start + 4) * 2 ** 32 + u32(body.start + 8),
        data: Uint8Array.from(buf.subarray(body.start + 20, dataEnd)),
        originalLength: u32(body.start + 16),
        comments: options.value.filter((o) => o.code === OPTION_COMMENT).map((o) => o.value.toString('utf8')),
      });
    }
    at += length;
  }
  return ok({ interfaces, records });
}

/** The options between `start` and `end`, up to the end-of-options mark or the end. */
function readOptions(buf: Buffer, start: number, end: number, u16: (at: number) => number): Decoded<Option[]> {
  const options: Option[] = [];
  for (let at = start; at < end; ) {
    if (at + 4 > end) return fail(`option at byte ${at}: header cut short`);
    const code = u16(at);
    const length = u16(at + 2);
    if (code === OPTION_END) break;
    if (at + 4 + length > end) return fail(`option ${code} at byte ${at}: ${length} bytes long, only ${end - at - 4} remain`);
    options.push({ code, value: buf.subarray(at + 4, at + 4 + length) });
    at += 4 + length + ((4 - (length % 4)) % 4);
  }
  return ok(options);
}
