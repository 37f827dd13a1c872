/**
 * The reference's reassembly queue on its own: whatever order, overlap and duplication segments of a
 * stream arrive in, taking from RCV.NXT as it moves yields the stream once, in order, with the FIN
 * at its end. Sequence numbers start near 2^32 so that runs cross the wrap.
 */
import fc from 'fast-check';
import { checkProperty } from '../../harness/testkit/property';
import { ReassemblyQueue } from '../tcp/reassembly';
import { seqAdd, seqDiff } from '../tcp/seq';

const STREAM_LENGTH = 300;
const stream = Uint8Array.from({ length: STREAM_LENGTH }, (_, i) => (i * 7 + 3) & 0xff);

/** A piece of the stream: [from, from + length), with the FIN when it reaches the end. */
const piece = fc.record({ from: fc.integer({ min: 0, max: STREAM_LENGTH - 1 }), length: fc.integer({ min: 0, max: 80 }) });

describe('reassembly queue', () => {
  it('delivers a stream once and in order, whatever the order, overlaps and duplicates of its pieces', () => {
    checkProperty(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.array(piece, { minLength: 1, maxLength: 40 }), (isn, pieces) => {
        const queue = new ReassemblyQueue();
        let rcvNxt = isn;
        const received: number[] = [];
        let fins = 0;
        // Every piece arrives (some out of order), then the whole stream once, as a retransmission
        // fills whatever is still missing; in-order arrivals are taken at once, as receive.ts does.
        for (const { from, length } of [...pieces, { from: 0, length: STREAM_LENGTH }]) {
          const to = Math.min(from + length, STREAM_LENGTH);
          const seq = seqAdd(isn, from);
          const data = stream.subarray(from, to);
          const fin = to === STREAM_LENGTH;
          const skip = seqDiff(rcvNxt, seq);
          if (skip < 0) {
            queue.insert(seq, data, fin);
            expect(queue.length).toBeLessThanOrEqual(STREAM_LENGTH - seqDiff(rcvNxt, isn)); // each byte held once
            continue;
          }
          if (skip < data.length) {
            received.push(...data.subarray(skip));
            rcvNxt = seqAdd(rcvNxt, data.length - skip);
          }
          if (fin && seqAdd(seq, data.length) === rcvNxt) {
            fins++;
            rcvNxt = seqAdd(rcvNxt, 1);
          }
          for (const run of queue.takeFrom(rcvNxt)) {
            received.push(...run.data);
            rcvNxt = seqAdd(rcvNxt, run.data.length);
            if (run.fin) {
              fins++;
              rcvNxt = seqAdd(rcvNxt, 1);
            }
          }
          if (fins > 0) break;
        }
        expect(Uint8Array.from(received)).toEqual(stream);
        expect(fins).toBe(1);
      }),
    );
  });

  it('holds each byte once: a duplicate adds nothing, an overlap adds only what is new', () => {
    const queue = new ReassemblyQueue();
    queue.insert(100, stream.subarray(100, 150), false);
    queue.insert(100, stream.subarray(100, 150), false);
    expect(queue.length).toBe(50);
    queue.insert(80, stream.subarray(80, 170), false);
    expect(queue.length).toBe(90);
    expect(queue.takeFrom(80).map((run) => [run.seq, run.data.length])).toEqual([
      [80, 20],
      [100, 50],
      [150, 20],
    ]);
    expect(queue.isEmpty).toBe(true);
  });
});
