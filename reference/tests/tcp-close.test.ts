import { EPOLLERR, EPOLLHUP, EPOLLIN, EPOLLOUT, EPOLLRDHUP, errnoNumber } from '../../harness/contract';
import { TcpFlag } from '../../harness/wire';
import { bytes, elapse, errnoOf, exchange } from './hosts';
import { connected, NAMES, SERVER, segmentFrom } from './tcp-hosts';
import { ladder } from './tcp-trace';

describe('TCP orderly close', () => {
  it('the client closes first: FIN_WAIT_1, FIN_WAIT_2, TIME_WAIT for 60 s; the server CLOSE_WAIT, LAST_ACK', () => {
    const { clock, a, b, client, server, handshake } = connected();
    a.kernel.shutdown(client, 'wr');
    expect(a.kernel.tcpInfo(client).state).toBe('FIN_WAIT_1');
    const fin = exchange(a, b);
    expect(ladder(fin, NAMES, [...handshake, ...fin])).toEqual(['a F. 1:1(0) ack 1 win 65535', 'b . 1:1(0) ack 2 win 65535']);
    expect([a.kernel.tcpInfo(client).state, b.kernel.tcpInfo(server).state]).toEqual(['FIN_WAIT_2', 'CLOSE_WAIT']);
    expect(b.kernel.poll(server)).toBe(EPOLLIN | EPOLLOUT | EPOLLRDHUP);
    expect(b.kernel.recv(server, 100)).toEqual(new Uint8Array(0)); // end of file

    b.kernel.close(server);
    const last = exchange(a, b);
    expect(ladder(last, NAMES, [...handshake, ...last])).toEqual(['b F. 1:1(0) ack 2 win 65535', 'a . 2:2(0) ack 2 win 65535']);
    expect(a.kernel.tcpInfo(client).state).toBe('TIME_WAIT');
    expect(a.kernel.poll(client)).toBe(EPOLLIN | EPOLLOUT | EPOLLHUP | EPOLLRDHUP);
    expect(b.kernel.nextDeadline()).toBeUndefined(); // the server's side is gone: LAST_ACK → CLOSED
    expect(a.kernel.nextDeadline()).toBe(clock.now + 60_000);

    elapse(clock, 59_999, a, b);
    expect(a.kernel.tcpInfo(client).state).toBe('TIME_WAIT');
    elapse(clock, 1, a, b);
    expect(a.kernel.tcpInfo(client).state).toBe('CLOSED');
    expect(a.kernel.counters()).toMatchObject({ TcpEstabResets: 0, TcpAttemptFails: 0 });
  });

  it('the server closes first: its TIME_WAIT holds the port; SO_REUSEADDR binds it, but never beside a listener', () => {
    const { clock, a, b, listener, client, server } = connected(true);
    b.kernel.close(server);
    exchange(a, b);
    a.kernel.close(client);
    exchange(a, b);
    const rebind = (reuse: boolean): string => {
      const fd = b.kernel.socket('tcp');
      b.kernel.setsockopt(fd, 'SO_REUSEADDR', reuse);
      const errno = errnoOf(() => b.kernel.bind(fd, SERVER)) ?? 'bound';
      b.kernel.close(fd);
      return errno;
    };
    expect(rebind(true)).toBe('EADDRINUSE'); // the listener is still there
    b.kernel.close(listener);
    expect([rebind(false), rebind(true)]).toEqual(['EADDRINUSE', 'bound']); // only the TIME_WAIT connection is left
    elapse(clock, 60_000, a, b);
    expect(rebind(false)).toBe('bound');
  });

  it('simultaneous close: both FINs cross, FIN_WAIT_1 → CLOSING → TIME_WAIT on both sides', () => {
    const { a, b, client, server, handshake } = connected();
    a.kernel.shutdown(client, 'wr');
    b.kernel.shutdown(server, 'wr');
    const fins = exchange(a, b);
    expect(ladder(fins, NAMES, [...handshake, ...fins])).toEqual([
      'a F. 1:1(0) ack 1 win 65535',
      'b F. 1:1(0) ack 1 win 65535',
      'b . 2:2(0) ack 2 win 65535',
      'a . 2:2(0) ack 2 win 65535',
    ]);
    expect([a.kernel.tcpInfo(client).state, b.kernel.tcpInfo(server).state]).toEqual(['TIME_WAIT', 'TIME_WAIT']);
  });

  it('half-close: after shutdown wr the socket still reads, sends fail with EPIPE, and the FIN reads as EOF', () => {
    const { a, b, client, server } = connected();
    a.kernel.shutdown(client, 'wr');
    exchange(a, b);
    expect(errnoOf(() => a.kernel.send(client, bytes('more')))).toBe('EPIPE');
    expect(a.kernel.poll(client)).toBe(EPOLLOUT); // a send would not block: it fails at once
    b.kernel.send(server, bytes('42 C'));
    b.kernel.close(server);
    exchange(a, b);
    expect(a.kernel.tcpInfo(client).state).toBe('TIME_WAIT');
    expect(a.kernel.recv(client, 100)).toEqual(bytes('42 C'));
    expect(a.kernel.recv(client, 100)).toEqual(new Uint8Array(0));
  });

  it('close with unread data sends RST, and the peer sees ECONNRESET', () => {
    const { a, b, client, server, handshake } = connected();
    b.kernel.send(server, bytes('unread'));
    exchange(a, b);
    a.kernel.close(client);
    const reset = exchange(a, b);
    expect(ladder(reset, NAMES, handshake)).toEqual(['a R. 1:1(0) ack 7 win 65535']);
    expect(b.kernel.poll(server)).toBe(EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLRDHUP);
    expect(errnoOf(() => b.kernel.recv(server, 100))).toBe('ECONNRESET');
    expect(b.kernel.recv(server, 100)).toEqual(new Uint8Array(0));
    expect(errnoOf(() => b.kernel.send(server, bytes('x')))).toBe('EPIPE');
    expect([a.kernel.counters().TcpEstabResets, b.kernel.counters().TcpEstabResets]).toEqual([1, 1]);
  });
});

describe('TCP segment validation (RFC 5961)', () => {
  it('a RST at RCV.NXT resets; one elsewhere in the window gets a challenge ACK; one outside is dropped', () => {
    const { clock, a, b, client, server } = connected();
    const sndNxt = a.kernel.tcpInfo(client).sndNxt;
    b.kernel.receive(segmentFrom(a, client, TcpFlag.RST, (sndNxt + 100_000) >>> 0)); // outside the 65535-byte window
    expect(b.sent).toEqual([]);
    b.kernel.receive(segmentFrom(a, client, TcpFlag.RST, (sndNxt + 1000) >>> 0));
    b.kernel.receive(segmentFrom(a, client, TcpFlag.RST, (sndNxt + 2000) >>> 0)); // rate-limited: no second ACK yet
    expect(ladder(b.sent.splice(0), NAMES).map((line) => line.split(' ')[1])).toEqual(['.']);
    expect(b.kernel.tcpInfo(server).state).toBe('ESTABLISHED');
    clock.now += 500;
    b.kernel.receive(segmentFrom(a, client, TcpFlag.SYN, (sndNxt + 3000) >>> 0)); // a SYN: challenge ACK too
    expect(b.sent.splice(0)).toHaveLength(1);
    b.kernel.receive(segmentFrom(a, client, TcpFlag.RST, sndNxt));
    expect(b.kernel.tcpInfo(server).state).toBe('CLOSED');
    expect(b.kernel.getsockopt(server, 'SO_ERROR')).toBe(errnoNumber('ECONNRESET'));
  });

  it('drops and counts malformed segments: a bad checksum, a data offset below 5', () => {
    const { a, b, client } = connected();
    const good = segmentFrom(a, client, TcpFlag.ACK);
    const badChecksum = good.slice();
    badChecksum[20 + 16] = (badChecksum[20 + 16] ?? 0) ^ 0xff;
    const badOffset = good.slice();
    badOffset[20 + 12] = 4 << 4;
    b.kernel.receive(badChecksum);
    b.kernel.receive(badOffset);
    expect(b.kernel.counters()).toMatchObject({ TcpInErrs: 2, TcpInCsumErrors: 1 });
    expect(b.sent).toEqual([]);
  });
});
