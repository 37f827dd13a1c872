import fc from 'fast-check';
import { checkProperty } from '../../../testkit/property';
import { absoluteSeq, relativeSeq } from '../../runner/seq';

describe('relative sequence numbers', () => {
  it('count from the ISN', () => {
    expect(absoluteSeq(1000, 0)).toBe(1000);
    expect(absoluteSeq(1000, 1)).toBe(1001);
    expect(relativeSeq(1000, 1001)).toBe(1);
  });

  it('wrap around 2^32 in both directions', () => {
    expect(absoluteSeq(0xffffffff, 1)).toBe(0);
    expect(absoluteSeq(0xfffffff0, 0x20)).toBe(0x10);
    expect(relativeSeq(0xffffffff, 0)).toBe(1);
    expect(relativeSeq(0xfffffff0, 0x10)).toBe(0x20);
    // A number "before" the ISN is a huge relative number, as tcpdump prints it.
    expect(relativeSeq(5, 4)).toBe(0xffffffff);
  });

  it('relative and absolute are inverses for every ISN and offset', () => {
    const u32 = fc.integer({ min: 0, max: 0xffffffff });
    checkProperty(
      fc.property(u32, u32, (isn, relative) => {
        const absolute = absoluteSeq(isn, relative);
        return absolute >= 0 && absolute <= 0xffffffff && relativeSeq(isn, absolute) === relative;
      }),
    );
  });
});
