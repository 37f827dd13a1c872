import { hexDump } from '..';

describe('hexDump', () => {
  it('prints offset, hex in two groups of 8, and ASCII', () => {
    const bytes = Uint8Array.from([...Array(18).keys()].map((i) => 0x41 + i)).map((b, i) => (i === 1 ? 0 : b));
    expect(hexDump(bytes)).toBe(
      [
        '0000  41 00 43 44 45 46 47 48  49 4a 4b 4c 4d 4e 4f 50  A.CDEFGHIJKLMNOP',
        '0010  51 52                                             QR',
      ].join('\n'),
    );
  });

  it('takes another width, and prints nothing for no bytes', () => {
    expect(hexDump(Uint8Array.of(0x7f, 0x20, 0x7e), 2)).toBe('0000  7f 20  . \n0002  7e     ~');
    expect(hexDump(new Uint8Array(0))).toBe('');
  });
});
