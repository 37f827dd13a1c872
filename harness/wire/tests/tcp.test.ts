import fc from 'fast-check';
import { decodeTcp, encodeTcp, pseudoHeaderSum, TcpFlag, unwrap } from '..';
import { address, bytes, tcpOptions, u16, u32 } from './arbitraries';
import { checkProperty } from '../../testkit/property';

const ip = { src: '10.0.0.1', dst: '10.0.0.2' };

const tcpFields = () =>
  fc.record({
    srcPort: u16(),
    dstPort: u16(),
    seq: u32(),
    ack: u32(),
    reserved: fc.integer({ min: 0, max: 15 }),
    flags: fc.integer({ min: 0, max: 255 }),
    window: u16(),
    urgentPointer: u16(),
    options: tcpOptions(),
  });

describe('TCP codec', () => {
  it('round-trips every header, option list and payload, with a checksum that verifies', () => {
    checkProperty(
      fc.property(address(), address(), tcpFields(), bytes(200), (src, dst, fields, payload) => {
        const segment = encodeTcp(fields, payload, { src, dst });
        expect(pseudoHeaderSum({ src, dst }, 6, segment.length).add(segment).folded()).toBe(0xffff);
        const decoded = unwrap(decodeTcp(segment, { src, dst }));
        expect(decoded.checksumOk).toBe(true);
        expect(decoded.payload).toEqual(payload);
        expect(decoded.header).toMatchObject(fields);
        expect(decoded.header.dataOffset * 4).toBe(segment.length - payload.length);
        expect(encodeTcp(decoded.header, decoded.payload, { src, dst })).toEqual(segment);
      }),
    );
  });

  it('reports a corrupted segment through the checksum', () => {
    checkProperty(
      fc.property(tcpFields(), bytes(50), fc.nat(), fc.integer({ min: 1, max: 255 }), (fields, payload, at, xor) => {
        const segment = encodeTcp(fields, payload, ip);
        const i = at % segment.length;
        segment[i]! ^= xor;
        const decoded = decodeTcp(segment, ip);
        // A corrupted data offset or option may no longer decode; whatever decodes must not verify.
        if (decoded.ok) expect(decoded.value.checksumOk).toBe(false);
      }),
    );
  });

  it('lays out the fixed header as RFC 9293 §3.1 does', () => {
    const segment = encodeTcp(
      { srcPort: 0x1234, dstPort: 80, seq: 0x01020304, ack: 0xa0b0c0d0, flags: TcpFlag.SYN | TcpFlag.ACK, window: 0x4000, checksum: 0xabcd },
      new Uint8Array(0),
      ip,
    );
    expect(Array.from(segment)).toEqual([
      0x12, 0x34, 0, 80, 1, 2, 3, 4, 0xa0, 0xb0, 0xc0, 0xd0, 0x50, 0x12, 0x40, 0, 0xab, 0xcd, 0, 0,
    ]);
  });

  it('pads options with zeros to a whole number of words', () => {
    const segment = encodeTcp({ srcPort: 1, dstPort: 2, options: [{ kind: 'wscale', shift: 7 }] }, new Uint8Array(0), ip);
    expect(segment.length).toBe(24);
    expect(Array.from(segment.subarray(20))).toEqual([3, 3, 7, 0]);
    expect(() =>
      encodeTcp({ srcPort: 1, dstPort: 2, options: [{ kind: 99, data: new Uint8Array(40) }] }, new Uint8Array(0), ip),
    ).toThrow('TCP options take 42 bytes, more than the 40 a header holds');
  });

  it('keeps a forced data offset and checksum', () => {
    const segment = encodeTcp({ srcPort: 1, dstPort: 2, dataOffset: 6, checksum: 0x1111 }, Uint8Array.of(1, 2, 3, 4, 5), ip);
    const decoded = unwrap(decodeTcp(segment, ip));
    expect(decoded.header).toMatchObject({ dataOffset: 6, checksum: 0x1111 });
    expect(Array.from(decoded.payload)).toEqual([5]);
    expect(decoded.checksumOk).toBe(false);
  });

  it.each([
    ['TCP header needs 20 bytes, only 12 present', new Uint8Array(12)],
    ['TCP data offset 4 is below 5', encodeTcp({ srcPort: 1, dstPort: 2, dataOffset: 4 }, new Uint8Array(0), ip)],
    ['TCP data offset 8 = 32 bytes exceeds the 24 bytes present', encodeTcp({ srcPort: 1, dstPort: 2, dataOffset: 8 }, new Uint8Array(4), ip)],
    ['TCP option kind 2 at option byte 0 has length 0, below 2', encodeTcp({ srcPort: 1, dstPort: 2, dataOffset: 6 }, Uint8Array.of(2, 0, 0, 0), ip)],
  ])('fails with "%s"', (reason, segment) => {
    expect(decodeTcp(segment, ip)).toEqual({ ok: false, reason });
  });

  it('refuses out-of-range fields when encoding', () => {
    expect(() => encodeTcp({ srcPort: 1, dstPort: 2, seq: 2 ** 32 }, new Uint8Array(0), ip)).toThrow(
      'TCP sequence number 4294967296 does not fit in 32 bits',
    );
    expect(() => encodeTcp({ srcPort: -1, dstPort: 2 }, new Uint8Array(0), ip)).toThrow('TCP source port -1 does not fit in 16 bits');
  });
});
