import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildUdp } from '../../wire';
import { checkProperty } from '../../testkit/property';
import { LINKTYPE_RAW, PcapWriter, readPcap } from '../pcap';

const udp = buildUdp({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 49152, dstPort: 7, payload: Uint8Array.of(0x68, 0x69) });

describe('PcapWriter', () => {
  it('writes the classic file header: magic, version 2.4, snaplen 65535, LINKTYPE_RAW', () => {
    expect(new PcapWriter().toBuffer().toString('hex')).toBe(
      'd4c3b2a1' + '0200' + '0400' + '00000000' + '00000000' + 'ffff0000' + '65000000',
    );
  });

  it('writes each record as seconds, microseconds, captured and original length, then the packet', () => {
    const w = new PcapWriter();
    w.add(3_000_042, udp);
    const record = w.toBuffer().subarray(24);
    expect(record.readUInt32LE(0)).toBe(3);
    expect(record.readUInt32LE(4)).toBe(42);
    expect(record.readUInt32LE(8)).toBe(udp.length);
    expect(record.readUInt32LE(12)).toBe(udp.length);
    expect(Uint8Array.from(record.subarray(16))).toEqual(udp);
  });

  it('copies the packet, so that changing it later does not change the capture', () => {
    const w = new PcapWriter();
    const packet = udp.slice();
    w.add(0, packet);
    packet.fill(0);
    expect(w.toBuffer().subarray(40)).toEqual(Buffer.from(udp));
  });

  it('refuses a time that is not a non-negative integer of microseconds', () => {
    const w = new PcapWriter();
    expect(() => w.add(1.5, udp)).toThrow('pcap time 1.5 µs is not a non-negative integer below 2^32 s');
    expect(() => w.add(-1, udp)).toThrow('pcap time -1 µs');
    expect(() => w.add(2 ** 32 * 1e6, udp)).toThrow('below 2^32 s');
  });

  it('writes the file to disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'socklab-pcap-'));
    try {
      const w = new PcapWriter();
      w.add(1, udp);
      await w.writeFile(join(dir, 'a.pcap'));
      expect(readFileSync(join(dir, 'a.pcap'))).toEqual(w.toBuffer());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('readPcap', () => {
  it('reads back what the writer wrote', () => {
    const record = fc.record({ timeUs: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }).filter((t) => t / 1e6 < 2 ** 32), data: fc.uint8Array({ maxLength: 100 }) });
    checkProperty(
      fc.property(fc.array(record, { maxLength: 10 }), (records) => {
        const w = new PcapWriter();
        for (const r of records) w.add(r.timeUs, r.data);
        const file = readPcap(w.toBuffer());
        expect(file).toEqual({
          ok: true,
          value: { linkType: LINKTYPE_RAW, snaplen: 65535, records: records.map((r) => ({ ...r, originalLength: r.data.length })) },
        });
      }),
    );
  });

  it('reads a big-endian file', () => {
    const header = Buffer.from('a1b2c3d4' + '0002' + '0004' + '00000000' + '00000000' + '0000ffff' + '00000065', 'hex');
    const record = Buffer.from('00000002' + '00000007' + '00000003' + '00000009' + 'aabbcc', 'hex');
    expect(readPcap(Buffer.concat([header, record]))).toEqual({
      ok: true,
      value: { linkType: 101, snaplen: 65535, records: [{ timeUs: 2_000_007, data: Uint8Array.of(0xaa, 0xbb, 0xcc), originalLength: 9 }] },
    });
  });

  it('explains what is wrong with a file it cannot read', () => {
    const w = new PcapWriter();
    w.add(0, udp);
    const good = w.toBuffer();
    const with32 = (at: number, value: number) => {
      const b = Buffer.from(good);
      b.writeUInt32LE(value, at);
      return b;
    };
    expect(readPcap(good.subarray(0, 10))).toEqual({ ok: false, reason: 'pcap file header needs 24 bytes, only 10 present' });
    expect(readPcap(with32(0, 0xa1b23c4d))).toEqual({
      ok: false,
      reason: 'magic number 0x4d3cb2a1 is not that of a microsecond pcap file (0xa1b2c3d4)',
    });
    expect(readPcap(with32(4, 0x00040003))).toEqual({ ok: false, reason: 'pcap version 3.4 is not 2.x' });
    expect(readPcap(good.subarray(0, 30))).toEqual({ ok: false, reason: 'record 1 at byte 24: header cut short' });
    expect(readPcap(good.subarray(0, good.length - 1))).toEqual({
      ok: false,
      reason: `record 1 at byte 24: ${udp.length} bytes captured, only ${udp.length - 1} remain`,
    });
    expect(readPcap(with32(28, 1_000_000))).toEqual({ ok: false, reason: 'record 1 at byte 24: microseconds 1000000 not below 1000000' });
  });

  it('never throws on arbitrary bytes', () => {
    const header = new PcapWriter().toBuffer();
    const input = fc.oneof(fc.uint8Array({ maxLength: 80 }), fc.uint8Array({ maxLength: 60 }).map((rest) => Uint8Array.of(...header, ...rest)));
    checkProperty(
      fc.property(input, (bytes) => {
        const file = readPcap(bytes);
        expect(file.ok || file.reason.length > 0).toBe(true);
      }),
    );
  });
});
