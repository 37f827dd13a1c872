/**
 * The reference's congestion control where the packet scripts of harness/script/tests/scripts/tcp
 * (slow start, fast retransmit, the loss window, NewReno's recovery, congestion avoidance) do not
 * reach: the initial window after a lost SYN, a window that never cuts a segment short, and which
 * duplicate ACKs start a fast retransmit (RFC 6582's `recover`). TCP_CONGESTION: tcp-cubic.test.ts.
 */
import { TcpFlag } from '../../harness/wire';
import { bytes, elapse, errnoOf } from './hosts';
import { connected, listenOn, pair, segmentFrom, SERVER } from './tcp-hosts';
import { tcpOf } from './tcp-trace';

/** The data segments among `packets`, as `seq:end` relative to `isn`. */
const dataSegments = (packets: readonly Uint8Array[], isn: number): string[] =>
  packets
    .map(tcpOf)
    .filter((segment) => segment.payload.length > 0)
    .map((segment) => `${(segment.header.seq - isn) >>> 0}:${((segment.header.seq - isn) >>> 0) + segment.payload.length}`);

describe('TCP congestion control of the reference', () => {
  it('starts from the initial window of RFC 6928: ten segments of a 1460-byte MSS go out, the eleventh waits', () => {
    const { a, b, client } = connected();
    const isn = a.kernel.tcpInfo(client).sndUna - 1;
    expect(a.kernel.tcpInfo(client).cwnd).toBe(14_600);
    a.kernel.send(client, new Uint8Array(20_000));
    const sent = dataSegments(a.sent.splice(0), isn);
    expect(sent).toHaveLength(10);
    expect(sent.at(-1)).toBe('13141:14601');
    expect(b.sent).toEqual([]);
  });

  it('starts from one segment when the SYN had to be resent (RFC 6928 §2: the path may be congested)', () => {
    const { clock, a, b } = pair();
    listenOn(b);
    const client = a.kernel.socket('tcp');
    expect(errnoOf(() => a.kernel.connect(client, SERVER))).toBe('EINPROGRESS');
    let dropped = false;
    // The first SYN is lost; its retransmission one initial RTO later gets through.
    elapse(clock, 1500, a, b, (packet) => (dropped ? packet : ((dropped = true), undefined)));
    expect(a.kernel.tcpInfo(client)).toMatchObject({ state: 'ESTABLISHED', cwnd: 1460, retransmits: 1 });
    const isn = a.kernel.tcpInfo(client).sndUna - 1;
    a.kernel.send(client, new Uint8Array(5000));
    expect(dataSegments(a.sent.splice(0), isn)).toEqual(['1:1461']);
  });

  it('counts cwnd in whole segments when it sends: a window grown by a short segment does not send a short one', () => {
    const { clock, a, b, client } = connected();
    const isn = a.kernel.tcpInfo(client).sndUna - 1;
    // A 100-byte write, acknowledged (after the peer's delayed-ACK timer): slow start grows cwnd
    // by the 100 bytes, to 14,700.
    a.kernel.send(client, bytes('x'.repeat(100)));
    elapse(clock, 100, a, b);
    expect(a.kernel.tcpInfo(client).cwnd).toBe(14_700);
    a.kernel.send(client, new Uint8Array(20_000));
    const sent = dataSegments(a.sent.splice(0), isn);
    expect(sent).toHaveLength(10);
    expect(sent.every((range) => range.split(':').map(Number).reduce((from, to) => to - from) === 1460)).toBe(true);
    expect(a.kernel.tcpInfo(client).bytesInFlight).toBe(14_600);
  });

  it('starts no fast retransmit for losses a timeout is recovering, and one for a loss of a later window (RFC 6582 recover)', () => {
    const { clock, a, b, client, server } = connected();
    const isn = a.kernel.tcpInfo(client).sndUna - 1;
    const duplicateAcks = (n: number): void => {
      for (let i = 0; i < n; i++) a.kernel.receive(segmentFrom(b, server, TcpFlag.ACK));
    };
    a.kernel.send(client, new Uint8Array(4 * 1460));
    a.sent.splice(0);
    // Everything is lost; the timeout resends the first segment, and three duplicates of the ACK
    // the peer had sent do not resend it again.
    elapse(clock, 250, a, b, () => undefined);
    expect(a.kernel.tcpInfo(client)).toMatchObject({ congestionState: 'loss', retransmits: 1 });
    duplicateAcks(3);
    expect(dataSegments(a.sent.splice(0), isn)).toEqual([]);
    // Once all is acknowledged, a loss in the next window is resent on the third duplicate.
    elapse(clock, 1000, a, b);
    expect(b.kernel.recv(server, 10_000)).toHaveLength(4 * 1460);
    // An ACK with the reader's window, nothing in flight: the duplicates below carry the same window.
    duplicateAcks(1);
    expect(a.kernel.tcpInfo(client)).toMatchObject({ congestionState: 'open', sndWnd: 65_535 });
    a.kernel.send(client, new Uint8Array(4 * 1460));
    a.sent.splice(0);
    duplicateAcks(2);
    expect(dataSegments(a.sent.splice(0), isn)).toEqual([]);
    // The third resends the oldest; the inflated window (ssthresh + 3 segments) lets the fourth
    // segment out, which cwnd (3 segments, back from the loss window) had held.
    duplicateAcks(1);
    expect(dataSegments(a.sent.splice(0), isn)).toEqual(['5841:7301', '10221:11681']);
    expect(a.kernel.tcpInfo(client).congestionState).toBe('recovery');
  });
});
