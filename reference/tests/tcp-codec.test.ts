import { buildTcp, decodeTcp as judgeDecodeTcp, TcpFlag, unwrap, type TcpOption } from '../../harness/wire';
import { decodeTcp, encodeTcp, TCP_ACK, TCP_SYN, type TcpSegment } from '../tcp/segment';
import { seqAdd, seqBetween, seqDiff, seqGt, seqLeq, seqLt } from '../tcp/seq';
import { testHost } from './hosts';
import { NAMES } from './tcp-hosts';
import { ladder, tcpOf } from './tcp-trace';

const A = '10.0.0.1';
const B = '10.0.0.2';
/** The options of a SYN from Linux: MSS, SACK permitted, timestamps, padding, window scale. */
const LINUX_SYN_OPTIONS: TcpOption[] = [
  { kind: 'mss', value: 1000 },
  { kind: 'sackPermitted' },
  { kind: 'timestamp', tsval: 1, tsecr: 0 },
  { kind: 'nop' },
  { kind: 'wscale', shift: 7 },
];

describe('sequence numbers modulo 2^32', () => {
  it('compare across the wrap-around', () => {
    const beforeWrap = 0xfffffffa;
    const afterWrap = seqAdd(beforeWrap, 11);
    expect(afterWrap).toBe(5);
    expect(seqDiff(afterWrap, beforeWrap)).toBe(11);
    expect(seqDiff(beforeWrap, afterWrap)).toBe(-11);
    expect(seqLt(beforeWrap, afterWrap)).toBe(true);
    expect(seqLeq(beforeWrap, afterWrap)).toBe(true);
    expect(seqGt(beforeWrap, afterWrap)).toBe(false);
    expect(seqLeq(afterWrap, afterWrap)).toBe(true);
    expect([seqBetween(beforeWrap, 0, afterWrap), seqBetween(beforeWrap, 6, afterWrap), seqBetween(5, 5, 5)]).toEqual([true, false, true]);
  });
});

describe('the TCP segment codec', () => {
  const segment: TcpSegment = {
    sourcePort: 40000,
    destinationPort: 80,
    seq: 0xfffffff0,
    ack: 7,
    flags: TCP_SYN | TCP_ACK,
    window: 1234,
    options: { mss: 1460 },
    payload: Uint8Array.of(1, 2, 3),
  };

  it("encodes what the harness's codec reads, checksum and MSS option included, and decodes it back", () => {
    const bytes = encodeTcp(segment, A, B);
    const { header, payload, checksumOk } = unwrap(judgeDecodeTcp(bytes, { src: A, dst: B }));
    expect(checksumOk).toBe(true);
    expect(header).toMatchObject({ srcPort: 40000, dstPort: 80, seq: 0xfffffff0, ack: 7, dataOffset: 6, window: 1234 });
    expect(header.flags).toBe(TcpFlag.SYN | TcpFlag.ACK);
    expect(header.options).toEqual([{ kind: 'mss', value: 1460 }]);
    expect(payload).toEqual(segment.payload);
    expect(decodeTcp(bytes, A, B)).toEqual({ ok: true, segment });
  });

  it('skips the options it does not know', () => {
    const packet = buildTcp({ src: A, dst: B, srcPort: 40000, dstPort: 80, flags: TcpFlag.SYN, options: LINUX_SYN_OPTIONS });
    const decoded = decodeTcp(packet.subarray(20), A, B);
    expect(decoded.ok && decoded.segment.options).toEqual({ mss: 1000 });
  });

  it('reports a bad checksum and a bad data offset instead of throwing', () => {
    const bytes = encodeTcp(segment, A, B);
    expect(decodeTcp(bytes, A, '10.0.0.3')).toEqual({ ok: false, problem: 'bad checksum' }); // the pseudo-header counts
    const tooLong = bytes.slice();
    tooLong[12] = 15 << 4; // 60 bytes of header in a 27-byte segment
    expect(decodeTcp(tooLong, A, B)).toEqual({ ok: false, problem: 'malformed' });
    expect(decodeTcp(bytes.subarray(0, 19), A, B)).toEqual({ ok: false, problem: 'malformed' });
  });

  it("a listener answers a Linux SYN and sends with the MSS that SYN announced", () => {
    const b = testHost(B, 2);
    const listener = b.kernel.socket('tcp');
    b.kernel.bind(listener, { address: '0.0.0.0', port: 80 });
    b.kernel.listen(listener, 1);
    const from = { src: A, dst: B, srcPort: 40000, dstPort: 80 };
    const syn = buildTcp({ ...from, seq: 1000, flags: TcpFlag.SYN, window: 64240, options: LINUX_SYN_OPTIONS });
    b.kernel.receive(syn);
    const [synAck] = b.sent.splice(0);
    if (!synAck) throw new Error('no SYN-ACK');
    expect(ladder([syn, synAck], NAMES)).toEqual(['a S 0:0(0) win 64240 <mss 1000>', 'b S. 0:0(0) ack 1 win 65535 <mss 1460>']);
    b.kernel.receive(buildTcp({ ...from, seq: 1001, ack: (tcpOf(synAck).header.seq + 1) >>> 0, flags: TcpFlag.ACK, window: 64240 }));
    expect(b.kernel.tcpInfo(b.kernel.accept(listener).fd)).toMatchObject({ state: 'ESTABLISHED', mss: 1000, sndWnd: 64240, rcvNxt: 1001 });
  });
});
