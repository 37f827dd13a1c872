import fc from 'fast-check';
import { buildUdp } from '../../wire';
import { checkProperty } from '../../testkit/property';
import { LINKTYPE_RAW, PcapngWriter } from '../pcapng';
import { readPcapng } from '../pcapng-reader';

const udp = buildUdp({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 49152, dstPort: 7, payload: Uint8Array.of(0x68, 0x69) });

/** Section header (little-endian, version 1.0, length unknown), then a raw-IP interface in microseconds. */
const FILE_HEADER =
  '0a0d0d0a' + '1c000000' + '4d3c2b1a' + '0100' + '0000' + 'ffffffffffffffff' + '1c000000' +
  '01000000' + '20000000' + '6500' + '0000' + 'ffff0000' + '0900' + '0100' + '06000000' + '00000000' + '20000000';

describe('PcapngWriter', () => {
  it('starts with a section header and one LINKTYPE_RAW interface whose if_tsresol is microseconds', () => {
    expect(new PcapngWriter().toBuffer().toString('hex')).toBe(FILE_HEADER);
  });

  it('writes each packet as an enhanced packet block: interface 0, a 64-bit µs time, lengths, the padded packet', () => {
    const w = new PcapngWriter();
    const timeUs = 2 ** 32 + 42;
    w.add(timeUs, udp);
    const block = w.toBuffer().subarray(FILE_HEADER.length / 2);
    const padded = Math.ceil(udp.length / 4) * 4;
    expect(block.readUInt32LE(0)).toBe(6);
    expect(block.readUInt32LE(4)).toBe(32 + padded);
    expect([block.readUInt32LE(8), block.readUInt32LE(12), block.readUInt32LE(16)]).toEqual([0, 1, 42]);
    expect([block.readUInt32LE(20), block.readUInt32LE(24)]).toEqual([udp.length, udp.length]);
    expect(Uint8Array.from(block.subarray(28, 28 + udp.length))).toEqual(udp);
    expect(block.readUInt32LE(28 + padded)).toBe(32 + padded);
    expect(block.length).toBe(32 + padded);
  });

  it('puts a comment in an opt_comment option, padded, then the end of options', () => {
    const w = new PcapngWriter();
    w.add(0, Uint8Array.of(0x45, 0, 0, 4), 'dropped by the link: loss');
    const block = w.toBuffer().subarray(FILE_HEADER.length / 2);
    const options = block.subarray(32, block.length - 4);
    expect(options.toString('hex')).toBe('0100' + '1900' + Buffer.from('dropped by the link: loss').toString('hex') + '000000' + '00000000');
  });

  it('copies the packet, so that changing it later does not change the capture', () => {
    const w = new PcapngWriter();
    const packet = udp.slice();
    w.add(0, packet);
    packet.fill(0);
    const read = readPcapng(w.toBuffer());
    expect(read.ok && read.value.records[0]!.data).toEqual(udp);
  });

  it('refuses a time that is not a non-negative integer of microseconds', () => {
    const w = new PcapngWriter();
    expect(() => w.add(1.5, udp)).toThrow('pcapng time 1.5 µs is not a non-negative integer');
    expect(() => w.add(-1, udp)).toThrow('pcapng time -1 µs');
  });

  it('refuses a comment longer than an option holds', () => {
    expect(() => new PcapngWriter().add(0, udp, 'x'.repeat(65536))).toThrow('pcapng option 1 is 65536 bytes; an option holds at most 65535');
  });
});

describe('readPcapng', () => {
  it('reads back what the writer wrote, comments included', () => {
    const record = fc.record({
      timeUs: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
      data: fc.uint8Array({ maxLength: 100 }),
      comment: fc.option(fc.string({ unit: 'grapheme', maxLength: 40 }), { nil: undefined }),
    });
    checkProperty(
      fc.property(fc.array(record, { maxLength: 10 }), (records) => {
        const w = new PcapngWriter();
        for (const r of records) w.add(r.timeUs, r.data, r.comment);
        expect(readPcapng(w.toBuffer())).toEqual({
          ok: true,
          value: {
            interfaces: [{ linkType: LINKTYPE_RAW, snaplen: 65535 }],
            records: records.map((r) => ({ interfaceId: 0, timeUs: r.timeUs, data: r.data, originalLength: r.data.length, comments: r.comment === undefined ? [] : [r.comment] })),
          },
        });
      }),
    );
  });

  it('reads a big-endian file and skips blocks it does not know', () => {
    const header = '0a0d0d0a' + '0000001c' + '1a2b3c4d' + '0001' + '0000' + 'ffffffffffffffff' + '0000001c';
    const iface = '00000001' + '00000014' + '0065' + '0000' + '0000ffff' + '00000014';
    const nameResolution = '00000004' + '00000010' + '00000000' + '00000010';
    const packet = '00000006' + '00000024' + '00000000' + '00000000' + '001e8487' + '00000003' + '00000009' + 'aabbcc00' + '00000024';
    expect(readPcapng(Buffer.from(header + iface + nameResolution + packet, 'hex'))).toEqual({
      ok: true,
      value: {
        interfaces: [{ linkType: 101, snaplen: 65535 }],
        records: [{ interfaceId: 0, timeUs: 2_000_007, data: Uint8Array.of(0xaa, 0xbb, 0xcc), originalLength: 9, comments: [] }],
      },
    });
  });

  it('explains what is wrong with a file it cannot read', () => {
    const w = new PcapngWriter();
    w.add(0, udp, 'why');
    const good = w.toBuffer();
    const packetAt = FILE_HEADER.length / 2;
    const with32 = (at: number, value: number) => {
      const b = Buffer.from(good);
      b.writeUInt32LE(value, at);
      return b;
    };
    expect(readPcapng(good.subarray(0, 10))).toEqual({ ok: false, reason: 'pcapng section header needs 28 bytes, only 10 present' });
    expect(readPcapng(with32(0, 0xa1b2c3d4))).toEqual({ ok: false, reason: 'block type 0xa1b2c3d4 is not a pcapng section header (0xa0d0d0a)' });
    expect(readPcapng(with32(8, 0x12345678))).toEqual({ ok: false, reason: 'byte-order magic 0x78563412 is not 0x1a2b3c4d' });
    expect(readPcapng(with32(12, 0x00000002))).toEqual({ ok: false, reason: 'pcapng version 2.0 is not 1.x' });
    expect(readPcapng(good.subarray(0, packetAt + 6))).toEqual({ ok: false, reason: `block 3 at byte ${packetAt}: header cut short` });
    expect(readPcapng(good.subarray(0, good.length - 4))).toEqual({ ok: false, reason: `block 3 at byte ${packetAt}: ${good.length - packetAt} bytes long, only ${good.length - packetAt - 4} remain` });
    expect(readPcapng(with32(good.length - 4, 8))).toEqual({ ok: false, reason: `block 3 at byte ${packetAt}: trailing length 8 differs from ${good.length - packetAt}` });
    expect(readPcapng(with32(packetAt + 8, 1))).toEqual({ ok: false, reason: `block 3 at byte ${packetAt}: interface 1 is not described before it` });
    expect(readPcapng(with32(packetAt + 20, 1000))).toEqual({ ok: false, reason: `block 3 at byte ${packetAt}: 1000 bytes captured, only ${good.length - packetAt - 32} in the block` });
    const tenthsOfSeconds = Buffer.from(good);
    tenthsOfSeconds[28 + 20] = 1;
    expect(readPcapng(tenthsOfSeconds)).toEqual({ ok: false, reason: 'block 2 at byte 28: if_tsresol 1 is not microseconds (6)' });
  });

  it('never throws on arbitrary bytes', () => {
    const header = new PcapngWriter().toBuffer();
    const input = fc.oneof(fc.uint8Array({ maxLength: 80 }), fc.uint8Array({ maxLength: 60 }).map((rest) => Uint8Array.of(...header, ...rest)));
    checkProperty(
      fc.property(input, (bytes) => {
        const file = readPcapng(bytes);
        expect(file.ok || file.reason.length > 0).toBe(true);
      }),
    );
  });
});
