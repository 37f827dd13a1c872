import fc from 'fast-check';
import { decodeTcp, decodeTcpOptions, encodeTcp, encodeTcpOptions, unwrap, type TcpOption } from '..';
import { tcpOptions } from './arbitraries';
import { checkProperty } from '../../testkit/property';

const ip = { src: '10.0.0.1', dst: '10.0.0.2' };
const bytesOf = (options: TcpOption[]) => Array.from(encodeTcpOptions(options));

describe('TCP options', () => {
  it('round-trips every list of options, raw ones included', () => {
    checkProperty(
      fc.property(tcpOptions(), (options) => {
        expect(unwrap(decodeTcpOptions(encodeTcpOptions(options)))).toEqual(options);
      }),
    );
  });

  it('encodes each kind as RFC 9293, 7323 and 2018 lay it out', () => {
    expect(bytesOf([{ kind: 'mss', value: 1460 }])).toEqual([2, 4, 0x05, 0xb4]);
    expect(bytesOf([{ kind: 'wscale', shift: 7 }])).toEqual([3, 3, 7]);
    expect(bytesOf([{ kind: 'sackPermitted' }])).toEqual([4, 2]);
    expect(bytesOf([{ kind: 'sack', blocks: [{ left: 1, right: 0x01020304 }] }])).toEqual([5, 10, 0, 0, 0, 1, 1, 2, 3, 4]);
    expect(bytesOf([{ kind: 'timestamp', tsval: 0x0a0b0c0d, tsecr: 2 }])).toEqual([8, 10, 10, 11, 12, 13, 0, 0, 0, 2]);
    expect(bytesOf([{ kind: 'nop' }, { kind: 'eol' }])).toEqual([1, 0]);
    expect(bytesOf([{ kind: 30, data: Uint8Array.of(0xaa) }])).toEqual([30, 3, 0xaa]);
  });

  it('keeps a known kind with the wrong length raw, so a malformed option can be crafted and seen', () => {
    const malformedMss = [{ kind: 2, data: Uint8Array.of(5) }];
    expect(bytesOf(malformedMss)).toEqual([2, 3, 5]);
    expect(unwrap(decodeTcpOptions(encodeTcpOptions(malformedMss)))).toEqual(malformedMss);
  });

  it('lists End of Option List only when something other than padding follows it', () => {
    expect(unwrap(decodeTcpOptions(Uint8Array.of(1, 0, 2, 4)))).toEqual([{ kind: 'nop' }, { kind: 'eol' }]);
    expect(unwrap(decodeTcpOptions(Uint8Array.of(1, 0, 0, 0)))).toEqual([{ kind: 'nop' }]);
    const padded = encodeTcp({ srcPort: 1, dstPort: 2, options: [{ kind: 'mss', value: 1280 }, { kind: 'wscale', shift: 0 }] }, new Uint8Array(0), ip);
    expect(Array.from(padded.subarray(20))).toEqual([2, 4, 5, 0, 3, 3, 0, 0]);
    expect(unwrap(decodeTcp(padded, ip)).header.options).toEqual([{ kind: 'mss', value: 1280 }, { kind: 'wscale', shift: 0 }]);
  });

  it.each([
    ['TCP option kind 2 at option byte 1 has no length byte', Uint8Array.of(1, 2)],
    ['TCP option kind 2 at option byte 0 has length 1, below 2', Uint8Array.of(2, 1, 0, 0)],
    ['TCP option kind 8 at option byte 2 has length 10, past the end of the 8 option bytes', Uint8Array.of(1, 1, 8, 10, 0, 0, 0, 0)],
  ])('fails with "%s"', (reason, bytes) => {
    expect(decodeTcpOptions(bytes)).toEqual({ ok: false, reason });
  });

  it('refuses options it cannot write', () => {
    expect(() => encodeTcpOptions([{ kind: 'sack', blocks: [] }])).toThrow('a SACK option needs at least one block');
    expect(() => encodeTcpOptions([{ kind: 1, data: new Uint8Array(0) }])).toThrow("TCP option kind 1 has no length byte: write {kind: 'nop'}");
    expect(() => encodeTcpOptions([{ kind: 'mss', value: 65536 }])).toThrow('TCP MSS 65536 does not fit in 16 bits');
    expect(() => encodeTcpOptions([{ kind: 99, data: new Uint8Array(254) }])).toThrow('TCP option length 256 does not fit in 8 bits');
  });
});
