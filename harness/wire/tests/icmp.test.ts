import fc from 'fast-check';
import { buildUdp, decodeIcmp, decodeQuoted, encodeIcmp, internetChecksum, quoteOriginal, unwrap } from '..';
import { bytes, icmpMessage } from './arbitraries';
import { checkProperty } from '../../testkit/property';

describe('ICMP codec', () => {
  it('round-trips every message, with a checksum that verifies', () => {
    checkProperty(
      fc.property(icmpMessage(), (message) => {
        const bytes = encodeIcmp(message);
        expect(internetChecksum(bytes)).toBe(0);
        const decoded = unwrap(decodeIcmp(bytes));
        expect(decoded.message).toEqual(message);
        expect(decoded.checksumOk).toBe(true);
      }),
    );
  });

  it('re-encodes any decodable bytes to the same bytes', () => {
    checkProperty(
      fc.property(bytes(80), (bytes) => {
        const decoded = decodeIcmp(bytes);
        if (decoded.ok) expect(encodeIcmp(decoded.value.message, decoded.value.checksum)).toEqual(bytes);
        else expect(bytes.length).toBeLessThan(8);
      }),
    );
  });

  it('lays out an echo request as RFC 792 does', () => {
    const bytes = encodeIcmp({ kind: 'echoRequest', id: 0x1234, seq: 7, data: Uint8Array.of(0x61) }, 0xabcd);
    expect(Array.from(bytes)).toEqual([8, 0, 0xab, 0xcd, 0x12, 0x34, 0, 7, 0x61]);
    expect(unwrap(decodeIcmp(bytes)).checksumOk).toBe(false);
  });

  it('quotes the IP header and 8 bytes of an undeliverable packet, and decodes the quote', () => {
    const original = buildUdp({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 5000, dstPort: 7, payload: new Uint8Array(100) });
    const quoted = quoteOriginal(original);
    expect(quoted).toEqual(original.subarray(0, 28));
    const bytes = encodeIcmp({ kind: 'unreachable', code: 3, original: quoted });
    expect(Array.from(bytes.subarray(0, 2))).toEqual([3, 3]);
    const message = unwrap(decodeIcmp(bytes)).message;
    expect(message).toEqual({ kind: 'unreachable', code: 3, nextHopMtu: 0, original: quoted });
    const q = unwrap(decodeQuoted(quoted));
    expect(q.header).toMatchObject({ src: '10.0.0.1', dst: '10.0.0.2', protocol: 17, totalLength: 128 });
    expect(q.ports).toEqual({ src: 5000, dst: 7 });
    expect(q.leading.length).toBe(8);
  });

  it('explains a quote that is not an IPv4 header', () => {
    expect(decodeQuoted(new Uint8Array(10))).toEqual({ ok: false, reason: 'quoted packet: IPv4 header needs 20 bytes, only 10 present' });
  });

  it('keeps an unreachable with its unused bytes set as a raw message', () => {
    const bytes = Uint8Array.of(3, 1, 0, 0, 0, 1, 0, 0);
    expect(unwrap(decodeIcmp(bytes)).message).toEqual({ kind: 'other', type: 3, code: 1, rest: 0x10000, data: new Uint8Array(0) });
  });

  it('fails on fewer than 8 bytes', () => {
    expect(decodeIcmp(new Uint8Array(4))).toEqual({ ok: false, reason: 'ICMP header needs 8 bytes, only 4 present' });
  });
});
