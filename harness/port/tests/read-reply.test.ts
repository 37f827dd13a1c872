/**
 * The judge's reading of a kernel process's messages, on messages built here: a hostile process can
 * send anything, so what the judge walks is bounded per message, not per array.
 */
import { MAX_REPLY_ELEMENTS, readReplies } from '../read-reply';

const reply = (value: unknown) => ({ outcome: { ok: true, value }, transmitted: [], nextDeadline: undefined });
const message = (replies: unknown[]) => ({ kind: 'replies', first: 1, replies });

describe('a message of replies', () => {
  it('is bounded as a whole: two values each under the bound but over it together fail the second call, not the first', () => {
    const half = Math.ceil(MAX_REPLY_ELEMENTS * 0.6);
    const read = readReplies(message([reply(new Array(half)), reply(new Array(half))]));
    expect(read?.replies.map((r) => (r.outcome.ok ? 'ok' : r.outcome.error.kind))).toEqual(['ok', 'crash']);
    expect(read?.replies[1]?.outcome).toEqual({ ok: false, error: expect.objectContaining({ name: 'RangeError', message: expect.stringContaining(`past ${MAX_REPLY_ELEMENTS} elements`) }) });
  });

  it('counts the packets arrays of its replies against the same bound: past it, the message is not one of replies', () => {
    const half = Math.ceil(MAX_REPLY_ELEMENTS * 0.6);
    const packet = Uint8Array.of(1);
    const withPackets = (length: number) => ({ ...reply(0), transmitted: new Array<Uint8Array>(length).fill(packet) });
    expect(readReplies(message([withPackets(1)]))?.replies).toHaveLength(1);
    expect(readReplies(message([withPackets(half), withPackets(half)]))).toBeUndefined();
  });
});
