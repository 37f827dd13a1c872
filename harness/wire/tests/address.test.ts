import fc from 'fast-check';
import { addressToBytes, addressToNumber, bytesToAddress, isAddress, numberToAddress, parseAddress } from '..';
import { u32 } from './arbitraries';
import { checkProperty } from '../../testkit/property';

describe('IPv4 addresses', () => {
  it('converts known addresses', () => {
    expect(addressToNumber('10.0.0.1')).toBe(0x0a000001);
    expect(addressToNumber('255.255.255.255')).toBe(0xffffffff);
    expect(addressToNumber('0.0.0.0')).toBe(0);
    expect(numberToAddress(0xc0a8010a)).toBe('192.168.1.10');
    expect(Array.from(addressToBytes('192.168.1.10'))).toEqual([192, 168, 1, 10]);
    expect(bytesToAddress(Uint8Array.of(9, 10, 0, 0, 1, 7), 2)).toBe('0.0.1.7');
  });

  it('round-trips every 32-bit number through the dotted quad and the 4 bytes', () => {
    checkProperty(
      fc.property(u32(), (n) => {
        const text = numberToAddress(n);
        expect(addressToNumber(text)).toBe(n);
        expect(bytesToAddress(addressToBytes(text))).toBe(text);
      }),
    );
  });

  it.each([
    ['1.2.3', 'expected 4 dot-separated parts, got 3'],
    ['1.2.3.4.5', 'expected 4 dot-separated parts, got 5'],
    ['1.2.3.256', 'part 4 is 256, above 255'],
    ['01.2.3.4', 'part 1 "01" is not a decimal number 0-255'],
    ['1.2.x.4', 'part 3 "x" is not a decimal number 0-255'],
    [' 1.2.3.4', 'part 1 " 1" is not a decimal number 0-255'],
    ['1..3.4', 'part 2 "" is not a decimal number 0-255'],
    ['', 'expected 4 dot-separated parts, got 1'],
  ])('refuses %j: %s', (text, reason) => {
    expect(parseAddress(text)).toEqual({ ok: false, reason: `invalid IPv4 address "${text}": ${reason}` });
    expect(isAddress(text)).toBe(false);
    expect(() => addressToNumber(text)).toThrow(reason);
    expect(() => addressToBytes(text)).toThrow(reason);
  });

  it('refuses numbers that are not 32-bit addresses', () => {
    expect(() => numberToAddress(-1)).toThrow('-1 is not a 32-bit IPv4 address');
    expect(() => numberToAddress(2 ** 32)).toThrow('is not a 32-bit IPv4 address');
    expect(() => numberToAddress(1.5)).toThrow('is not a 32-bit IPv4 address');
  });
});
