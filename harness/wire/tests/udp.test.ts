import fc from 'fast-check';
import { decodeUdp, encodeUdp, pseudoHeaderSum, transportChecksum, unwrap } from '..';
import { address, bytes, u16 } from './arbitraries';
import { checkProperty } from '../../testkit/property';

const ip = { src: '10.0.0.1', dst: '10.0.0.2' };

describe('UDP codec', () => {
  it('round-trips ports and payload, with a length and a checksum that verify', () => {
    checkProperty(
      fc.property(address(), address(), u16(), u16(), bytes(300), (src, dst, srcPort, dstPort, payload) => {
        const datagram = encodeUdp({ srcPort, dstPort }, payload, { src, dst });
        // Over pseudo-header and datagram, the sum folds to 0xffff: the checksum verifies.
        expect(pseudoHeaderSum({ src, dst }, 17, datagram.length).add(datagram).folded()).toBe(0xffff);
        const decoded = unwrap(decodeUdp(datagram, { src, dst }));
        expect(decoded.checksumOk).toBe(true);
        expect(decoded.payload).toEqual(payload);
        expect(decoded.header).toMatchObject({ srcPort, dstPort, length: 8 + payload.length });
        expect(encodeUdp(decoded.header, decoded.payload, { src, dst })).toEqual(datagram);
      }),
    );
  });

  it('reports a checksum that does not verify, under another address or after corruption', () => {
    checkProperty(
      fc.property(bytes(50), fc.nat(), fc.integer({ min: 1, max: 255 }), (payload, at, xor) => {
        const datagram = encodeUdp({ srcPort: 1, dstPort: 2 }, payload, ip);
        expect(unwrap(decodeUdp(datagram, { src: ip.src, dst: '10.0.0.3' })).checksumOk).toBe(false);
        const i = at % datagram.length;
        fc.pre(i !== 4 && i !== 5); // the length bytes change how much is decoded
        datagram[i]! ^= xor;
        const decoded = decodeUdp(datagram, ip);
        // Corrupting the checksum bytes to 0 turns the checksum off, which verifies.
        if (decoded.ok && decoded.value.header.checksum !== 0) expect(decoded.value.checksumOk).toBe(false);
      }),
    );
  });

  it('treats checksum 0 as "none" (RFC 768)', () => {
    const decoded = unwrap(decodeUdp(encodeUdp({ srcPort: 1, dstPort: 2, checksum: 0 }, Uint8Array.of(9), ip), ip));
    expect(decoded.header.checksum).toBe(0);
    expect(decoded.checksumOk).toBe(true);
  });

  it('sends a computed checksum of 0 as 0xffff', () => {
    // With the 2 payload bytes set to the checksum of the datagram with them zero, the ones'
    // complement sum becomes 0xffff, so the checksum computes to 0.
    const zero = encodeUdp({ srcPort: 1000, dstPort: 2000, checksum: 0 }, new Uint8Array(2), ip);
    const c = transportChecksum(ip, 17, zero);
    const datagram = encodeUdp({ srcPort: 1000, dstPort: 2000 }, Uint8Array.of(c >> 8, c & 0xff), ip);
    expect(pseudoHeaderSum(ip, 17, 10).add(datagram.subarray(0, 6)).add(datagram.subarray(8)).checksum()).toBe(0);
    expect(unwrap(decodeUdp(datagram, ip)).header.checksum).toBe(0xffff);
    expect(unwrap(decodeUdp(datagram, ip)).checksumOk).toBe(true);
  });

  it('reads only `length` bytes, and verifies the checksum over them', () => {
    const datagram = encodeUdp({ srcPort: 1, dstPort: 2 }, Uint8Array.of(1, 2, 3), ip);
    const decoded = unwrap(decodeUdp(Uint8Array.of(...datagram, 0xee, 0xee), ip));
    expect(Array.from(decoded.payload)).toEqual([1, 2, 3]);
    expect(decoded.checksumOk).toBe(true);
  });

  it('keeps a forced length and checksum', () => {
    const datagram = encodeUdp({ srcPort: 1, dstPort: 2, length: 9, checksum: 0xbeef }, Uint8Array.of(1, 2, 3), ip);
    const decoded = unwrap(decodeUdp(datagram, ip));
    expect(decoded.header).toEqual({ srcPort: 1, dstPort: 2, length: 9, checksum: 0xbeef });
    expect(decoded.checksumOk).toBe(false);
  });

  it.each([
    ['UDP header needs 8 bytes, only 5 present', new Uint8Array(5)],
    ['UDP length 7 is below the header\'s 8 bytes', Uint8Array.of(0, 1, 0, 2, 0, 7, 0, 0)],
    ['UDP length 300 exceeds the 120 bytes present', Uint8Array.of(0, 1, 0, 2, 1, 44, 0, 0, ...new Uint8Array(112))],
  ])('fails with "%s"', (reason, datagram) => {
    expect(decodeUdp(datagram, ip)).toEqual({ ok: false, reason });
  });

});
