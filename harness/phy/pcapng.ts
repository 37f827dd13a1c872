/**
 * pcapng files (the format of Wireshark and tshark) with one LINKTYPE_RAW interface: each packet
 * is a bare IPv4 packet, which is what socklab's links carry. pcapng rather than classic pcap
 * because a packet may carry a comment, which Wireshark shows with the packet (`frame.comment`):
 * that is how a capture says a packet was dropped and why. Timestamps come from the run's clock
 * in integer microseconds (the interface's `if_tsresol`).
 *
 * Block layouts: IETF draft-ietf-opsawg-pcapng, sections 4.1 (Section Header), 4.2 (Interface
 * Description) and 4.3 (Enhanced Packet).
 */
/** Link type of packets that start with an IPv4 or IPv6 header, with no link-layer header. */
export const LINKTYPE_RAW = 101;
/** The largest packet a record holds whole; an IPv4 packet is never longer. */
export const PCAPNG_SNAPLEN = 65535;

export const BLOCK_SECTION_HEADER = 0x0a0d0d0a;
export const BLOCK_INTERFACE = 0x00000001;
export const BLOCK_ENHANCED_PACKET = 0x00000006;
/** Written in the writer's byte order; read in the other order, it tells the reader to swap. */
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
export const OPTION_END = 0;
export const OPTION_COMMENT = 1;
export const OPTION_TSRESOL = 9;
/** `if_tsresol` 6: timestamps count 10^-6 s. */
export const TSRESOL_MICROSECONDS = 6;

/**
 * Collects packets in memory and writes them as one pcapng file. Written little-endian, so that
 * the same packets give the same file on every host.
 */
export class PcapngWriter {
  private readonly blocks: Buffer[] = [sectionHeader(), interfaceDescription()];

  /**
   * Records `packet` (copied) as captured at `timeUs`, a non-negative integer number of
   * microseconds, with `comment` if given (Wireshark shows it with the packet).
   */
  add(timeUs: number, packet: Uint8Array, comment?: string): void {
    if (!Number.isSafeInteger(timeUs) || timeUs < 0) throw new RangeError(`pcapng time ${timeUs} µs is not a non-negative integer`);
    const captured = packet.subarray(0, PCAPNG_SNAPLEN);
    const fields = Buffer.alloc(20);
    fields.writeUInt32LE(0, 0); // the one interface
    fields.writeUInt32LE(Math.floor(timeUs / 2 ** 32), 4);
    fields.writeUInt32LE(timeUs % 2 ** 32, 8);
    fields.writeUInt32LE(captured.length, 12);
    fields.writeUInt32LE(packet.length, 16);
    const options = comment === undefined ? [] : [option(OPTION_COMMENT, Buffer.from(comment, 'utf8')), endOfOptions()];
    this.blocks.push(block(BLOCK_ENHANCED_PACKET, [fields, padded(Buffer.from(captured)), ...options]));
  }

  /** The file's bytes. */
  toBuffer(): Buffer {
    return Buffer.concat(this.blocks);
  }
}

function sectionHeader(): Buffer {
  const body = Buffer.alloc(16);
  body.writeUInt32LE(BYTE_ORDER_MAGIC, 0);
  body.writeUInt16LE(1, 4); // version 1.0
  body.writeUInt16LE(0, 6);
  body.writeBigInt64LE(-1n, 8); // section length not given, as streaming writers do
  return block(BLOCK_SECTION_HEADER, [body]);
}

function interfaceDescription(): Buffer {
  const body = Buffer.alloc(8);
  body.writeUInt16LE(LINKTYPE_RAW, 0);
  body.writeUInt32LE(PCAPNG_SNAPLEN, 4);
  return block(BLOCK_INTERFACE, [body, option(OPTION_TSRESOL, Uint8Array.of(TSRESOL_MICROSECONDS)), endOfOptions()]);
}

/** A block: type, total length, body, total length again (so that a reader can walk backwards). */
function block(type: number, body: readonly Uint8Array[]): Buffer {
  const content = Buffer.concat(body);
  const total = 12 + content.length;
  const out = Buffer.alloc(total);
  out.writeUInt32LE(type, 0);
  out.writeUInt32LE(total, 4);
  out.set(content, 8);
  out.writeUInt32LE(total, total - 4);
  return out;
}

function option(code: number, value: Uint8Array): Buffer {
  if (value.length > 0xffff) throw new RangeError(`pcapng option ${code} is ${value.length} bytes; an option holds at most 65535`);
  const header = Buffer.alloc(4);
  header.writeUInt16LE(code, 0);
  header.writeUInt16LE(value.length, 2);
  return Buffer.concat([header, padded(value)]);
}

function endOfOptions(): Buffer {
  return Buffer.alloc(4); // code 0, length 0
}

/** `bytes` followed by zeros up to a multiple of 4, as every pcapng field is aligned. */
function padded(bytes: Uint8Array): Buffer {
  return Buffer.concat([bytes, Buffer.alloc((4 - (bytes.length % 4)) % 4)]);
}
