/**
 * The reference's congestion control where the packet scripts of harness/script/tests/scripts/tcp
 * (slow start, fast retransmit, the loss window, NewReno's recovery, congestion avoidance) do not
 * reach: the initial window after a lost SYN, the TCP_CONGESTION option, and a window that never
 * cuts a segment short.
 */
import { bytes, elapse, errnoOf } from './hosts';
import { connected, listenOn, pair, SERVER } from './tcp-hosts';
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

  it('has Reno as TCP_CONGESTION, and refuses an algorithm it does not have with ENOENT, as Linux does', () => {
    const { a } = pair();
    const fd = a.kernel.socket('tcp');
    expect(a.kernel.getsockopt(fd, 'TCP_CONGESTION')).toBe('reno');
    a.kernel.setsockopt(fd, 'TCP_CONGESTION', 'reno');
    expect(errnoOf(() => a.kernel.setsockopt(fd, 'TCP_CONGESTION', 'cubic'))).toBe('ENOENT');
    expect(errnoOf(() => a.kernel.setsockopt(fd, 'TCP_CONGESTION', 'vegas'))).toBe('ENOENT');
    expect(a.kernel.getsockopt(fd, 'TCP_CONGESTION')).toBe('reno');
  });
});
