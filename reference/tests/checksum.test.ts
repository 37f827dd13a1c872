import { internetChecksum, onesComplementSum, pseudoHeaderSum } from '../checksum';

describe('Internet checksum (RFC 1071)', () => {
  // RFC 1071 §3, "Numerical Examples": these bytes sum to ddf2, so the checksum is its complement, 220d.
  const example = Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7);

  it('sums the RFC example with end-around carry', () => {
    expect(onesComplementSum(example)).toBe(0xddf2);
    expect(internetChecksum(example)).toBe(0x220d);
  });

  it('pads an odd last byte with a zero low byte', () => {
    expect(onesComplementSum(Uint8Array.of(0x12, 0x34, 0x56))).toBe(0x1234 + 0x5600);
  });

  it('verifies to 0 once the checksum is in the message', () => {
    const message = Uint8Array.of(...example, 0x22, 0x0d);
    expect(internetChecksum(message)).toBe(0);
    message[0] = 0x80;
    expect(internetChecksum(message)).not.toBe(0);
  });

  it('sums the pseudo-header: addresses, protocol and length', () => {
    // 0a00 + 0001 + 0a00 + 0002 + 0011 (UDP) + 000c (length 12)
    expect(pseudoHeaderSum('10.0.0.1', '10.0.0.2', 17, 12)).toBe(0x0a00 + 0x0001 + 0x0a00 + 0x0002 + 0x0011 + 0x000c);
  });
});
