import fc from 'fast-check';
import { addressToBytes, ChecksumAccumulator, internetChecksum, pseudoHeaderSum, transportChecksum } from '..';
import { address, bytes, u16 } from './arbitraries';
import { checkProperty } from '../../testkit/property';

describe('Internet checksum (RFC 1071)', () => {
  it('gives the sum of the RFC 1071 §3 example: 00 01 f2 03 f4 f5 f6 f7 sums to 0xddf2', () => {
    const data = Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7);
    expect(new ChecksumAccumulator().add(data).folded()).toBe(0xddf2);
    expect(internetChecksum(data)).toBe(0x220d);
  });

  it('pads an odd last byte with a zero byte', () => {
    expect(internetChecksum(Uint8Array.of(0x12, 0x34, 0x56))).toBe(~(0x1234 + 0x5600) & 0xffff);
  });

  it('folds carries back in (end-around carry)', () => {
    // 0xffff + 0x0002 = 0x10001 -> 0x0002 after folding: the checksum is ~0x0002.
    expect(internetChecksum(Uint8Array.of(0xff, 0xff, 0x00, 0x02))).toBe(0xfffd);
  });

  it('sums ranges as if they were concatenated, whatever the split (odd splits included)', () => {
    checkProperty(
      fc.property(bytes(200), fc.array(fc.nat(), { maxLength: 5 }), (data, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
        const ranges = [0, ...points].map((start, i) => data.subarray(start, points[i] ?? data.length));
        expect(internetChecksum(...ranges)).toBe(internetChecksum(data));
        const acc = new ChecksumAccumulator();
        [0, ...points].forEach((start, i) => acc.add(data, start, points[i] ?? data.length));
        expect(acc.checksum()).toBe(internetChecksum(data));
      }),
    );
  });

  it('verifies (sum folds to 0xffff, checksum 0) once the checksum is appended, and not after any bit flip', () => {
    checkProperty(
      fc.property(bytes(100).map((d) => (d.length % 2 === 0 ? d : Uint8Array.of(...d, 0))), fc.nat(), (data, bit) => {
        const withSum = Uint8Array.of(...data, 0, 0);
        const c = internetChecksum(data);
        withSum[data.length] = c >> 8;
        withSum[data.length + 1] = c & 0xff;
        expect(new ChecksumAccumulator().add(withSum).folded()).toBe(0xffff);
        expect(internetChecksum(withSum)).toBe(0);
        // A ones' complement sum detects every single-bit error.
        const flipped = withSum.slice();
        const at = bit % (flipped.length * 8);
        flipped[at >> 3]! ^= 1 << (at & 7);
        expect(internetChecksum(flipped)).not.toBe(0);
      }),
    );
  });
});

describe('IPv4 pseudo-header', () => {
  it('sums source, destination, zero, protocol and length, as the bytes RFC 768 lays out', () => {
    checkProperty(
      fc.property(address(), address(), fc.integer({ min: 0, max: 255 }), u16(), bytes(80), (src, dst, proto, len, seg) => {
        const pseudo = Uint8Array.of(...addressToBytes(src), ...addressToBytes(dst), 0, proto, len >> 8, len & 0xff);
        expect(pseudoHeaderSum({ src, dst }, proto, len).add(seg).checksum()).toBe(internetChecksum(pseudo, seg));
      }),
    );
  });

  it('uses the segment length for transportChecksum', () => {
    const seg = Uint8Array.of(1, 2, 3, 4, 5);
    const ip = { src: '10.0.0.1', dst: '10.0.0.2' };
    expect(transportChecksum(ip, 17, seg)).toBe(pseudoHeaderSum(ip, 17, 5).add(seg).checksum());
    expect(transportChecksum(ip, 17, seg)).not.toBe(pseudoHeaderSum(ip, 17, 6).add(seg).checksum());
  });
});
