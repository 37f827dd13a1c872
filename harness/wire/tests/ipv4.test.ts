import fc from 'fast-check';
import { decodeIpv4, decodeIpv4Header, encodeIpv4, internetChecksum, unwrap } from '..';
import { bytes, ipv4Fields } from './arbitraries';
import { checkProperty } from '../../testkit/property';

const base = { src: '10.0.0.1', dst: '10.0.0.2', protocol: 17 };

describe('IPv4 codec', () => {
  it('round-trips every header and payload, with a computed length and a checksum that verifies', () => {
    checkProperty(
      fc.property(ipv4Fields(), bytes(100), (fields, payload) => {
        const packet = encodeIpv4(fields, payload);
        const headerBytes = 20 + fields.options.length;
        expect(internetChecksum(packet.subarray(0, headerBytes))).toBe(0);
        const decoded = unwrap(decodeIpv4(packet));
        expect(decoded.checksumOk).toBe(true);
        expect(decoded.payload).toEqual(payload);
        expect(decoded.header).toEqual({
          ...fields,
          version: 4,
          ihl: headerBytes / 4,
          totalLength: packet.length,
          checksum: internetChecksum(encodeIpv4({ ...fields, checksum: 0 }, payload).subarray(0, headerBytes)),
        });
        // Re-encoding the decoded header gives the same bytes.
        expect(encodeIpv4(decoded.header, decoded.payload)).toEqual(packet);
      }),
    );
  });

  it('pads options to a whole number of words and refuses more than 40 bytes', () => {
    const decoded = unwrap(decodeIpv4(encodeIpv4({ ...base, options: Uint8Array.of(1, 1, 1) })));
    expect(decoded.header.ihl).toBe(6);
    expect(Array.from(decoded.header.options)).toEqual([1, 1, 1, 0]);
    expect(() => encodeIpv4({ ...base, options: new Uint8Array(41) })).toThrow(
      'IPv4 options take 41 bytes, more than the 40 a header holds',
    );
  });

  it('keeps forced fields as given, so that tests can craft bad packets', () => {
    const badSum = unwrap(decodeIpv4(encodeIpv4({ ...base, checksum: 0x1234 })));
    expect(badSum.header.checksum).toBe(0x1234);
    expect(badSum.checksumOk).toBe(false);
    const longer = encodeIpv4({ ...base, totalLength: 30 }, new Uint8Array(4));
    expect(decodeIpv4(longer)).toEqual({ ok: false, reason: 'IPv4 total length 30 exceeds the 24 bytes present' });
    expect(decodeIpv4(encodeIpv4({ ...base, ihl: 4 }))).toEqual({ ok: false, reason: 'IPv4 header length (IHL) 4 is below 5' });
  });

  it('refuses out-of-range fields when encoding', () => {
    expect(() => encodeIpv4({ ...base, ttl: 256 })).toThrow('IPv4 ttl 256 does not fit in 8 bits');
    expect(() => encodeIpv4({ ...base, fragmentOffset: 0x2000 })).toThrow('IPv4 fragment offset 8192 does not fit in 13 bits');
    expect(() => encodeIpv4({ ...base, src: '10.0.0' })).toThrow('invalid IPv4 address "10.0.0"');
  });

  it('ignores bytes after the total length (link padding)', () => {
    const packet = encodeIpv4(base, Uint8Array.of(7, 8));
    const decoded = unwrap(decodeIpv4(Uint8Array.of(...packet, 0, 0, 0, 0)));
    expect(Array.from(decoded.payload)).toEqual([7, 8]);
    expect(decoded.checksumOk).toBe(true);
  });

  it('detects a corrupted header byte through the checksum', () => {
    checkProperty(
      fc.property(ipv4Fields(), fc.nat(), fc.integer({ min: 1, max: 255 }), (fields, at, xor) => {
        const packet = encodeIpv4(fields);
        const i = at % packet.length;
        // Bytes 0 and 2-3 change what is decoded (version, IHL, lengths): corrupt the others.
        fc.pre(i !== 0 && i !== 2 && i !== 3);
        packet[i]! ^= xor;
        expect(unwrap(decodeIpv4(packet)).checksumOk).toBe(false);
      }),
    );
  });

  it.each([
    ['IPv4 header needs 20 bytes, only 7 present', new Uint8Array(7)],
    ['IP version 6 is not 4', Uint8Array.of(0x65, ...new Uint8Array(19))],
    ['IPv4 header length (IHL) 3 is below 5', Uint8Array.of(0x43, ...new Uint8Array(19))],
    ['IPv4 header length (IHL) 15 = 60 bytes exceeds the 40 bytes present', Uint8Array.of(0x4f, ...new Uint8Array(39))],
    ['IPv4 total length 10 is below the header length 20', Uint8Array.of(0x45, 0, 0, 10, ...new Uint8Array(16))],
  ])('fails with "%s"', (reason, packet) => {
    expect(decodeIpv4(packet)).toEqual({ ok: false, reason });
  });

  it('decodes a header alone whatever its total length says (as ICMP quotes one)', () => {
    const header = encodeIpv4({ ...base, totalLength: 1000 });
    expect(decodeIpv4Header(header)).toMatchObject({ ok: true, value: { totalLength: 1000, src: '10.0.0.1' } });
  });
});
