import { EPOLLERR, EPOLLHUP, EPOLLIN, EPOLLOUT, EPOLLRDHUP, errnoNumber } from '../../harness/contract';
import { TcpFlag } from '../../harness/wire';
import { bytes, elapse, errnoOf, exchange } from './hosts';
import { listenOn, NAMES, pair, segmentFrom, SERVER } from './tcp-hosts';
import { ladder, tcpOf } from './tcp-trace';

describe('TCP three-way handshake', () => {
  it('passive and active open: SYN, SYN-ACK, ACK, then data both ways', () => {
    const { a, b } = pair();
    const listener = listenOn(b);
    const client = a.kernel.socket('tcp');
    expect(errnoOf(() => a.kernel.connect(client, SERVER))).toBe('EINPROGRESS');
    expect(a.kernel.tcpInfo(client).state).toBe('SYN_SENT');
    expect(a.kernel.poll(client)).toBe(0);
    expect(errnoOf(() => a.kernel.connect(client, SERVER))).toBe('EALREADY');
    expect(errnoOf(() => b.kernel.accept(listener))).toBe('EAGAIN');

    const trace = exchange(a, b);
    expect(ladder(trace, NAMES)).toEqual([
      'a S 0:0(0) win 65535 <mss 1460>',
      'b S. 0:0(0) ack 1 win 65535 <mss 1460>',
      'a . 1:1(0) ack 1 win 65535',
    ]);
    expect(a.kernel.tcpInfo(client)).toMatchObject({ state: 'ESTABLISHED', mss: 1460, bytesInFlight: 0 });
    expect(a.kernel.poll(client)).toBe(EPOLLOUT);
    expect(b.kernel.poll(listener)).toBe(EPOLLIN);
    a.kernel.connect(client, SERVER); // reports success once...
    expect(errnoOf(() => a.kernel.connect(client, SERVER))).toBe('EISCONN'); // ...then it is connected

    const { fd: server, peer } = b.kernel.accept(listener);
    expect(peer).toEqual(a.kernel.getsockname(client));
    expect(b.kernel.getpeername(server)).toEqual(peer);
    expect(b.kernel.poll(listener)).toBe(0);

    expect(a.kernel.send(client, bytes('42 C'))).toBe(4);
    const request = exchange(a, b);
    expect(b.kernel.send(server, bytes('ok'))).toBe(2);
    const reply = exchange(a, b);
    expect(ladder([...request, ...reply], NAMES, [...trace, ...request, ...reply])).toEqual([
      'a P. 1:5(4) ack 1 win 65535',
      'b P. 1:3(2) ack 5 win 65532', // the delayed ACK rides on the answer; 4 bytes wait for recv
    ]);
    expect(b.kernel.poll(server)).toBe(EPOLLIN | EPOLLOUT);
    expect(b.kernel.recv(server, 100)).toEqual(bytes('42 C'));
    expect(a.kernel.recv(client, 1)).toEqual(bytes('o'));
    expect(a.kernel.recv(client, 100)).toEqual(bytes('k'));
    expect(errnoOf(() => a.kernel.recv(client, 100))).toBe('EAGAIN');
    // The ACK of the answer is still delayed: SYN, ACK and the request are out.
    expect(a.kernel.counters()).toMatchObject({ TcpActiveOpens: 1, TcpOutSegs: 3, TcpRetransSegs: 0 });
    expect(b.kernel.counters()).toMatchObject({ TcpPassiveOpens: 1, TcpInSegs: 3 });
  });

  it('cuts data into segments of the smaller MSS, PSH on the last one', () => {
    const { a, b } = pair();
    const listener = b.kernel.socket('tcp');
    b.kernel.setsockopt(listener, 'TCP_MAXSEG', 1000);
    b.kernel.bind(listener, SERVER);
    b.kernel.listen(listener, 1);
    const client = a.kernel.socket('tcp');
    errnoOf(() => a.kernel.connect(client, SERVER));
    const handshake = exchange(a, b);
    expect(ladder(handshake, NAMES)[1]).toBe('b S. 0:0(0) ack 1 win 65535 <mss 1000>');
    expect(a.kernel.getsockopt(client, 'TCP_MAXSEG')).toBe(1000);
    a.kernel.send(client, new Uint8Array(2500));
    expect(ladder(exchange(a, b), NAMES, handshake).filter((line) => line.startsWith('a'))).toEqual([
      'a . 1:1001(1000) ack 1 win 65535',
      'a . 1001:2001(1000) ack 1 win 65535',
      'a P. 2001:2501(500) ack 1 win 65535',
    ]);
  });

  it('simultaneous open: SYNs cross, both answer SYN-ACK, both become ESTABLISHED', () => {
    const { a, b } = pair();
    const [x, y] = [a.kernel.socket('tcp'), b.kernel.socket('tcp')];
    a.kernel.bind(x, { address: '0.0.0.0', port: 5000 });
    b.kernel.bind(y, { address: '0.0.0.0', port: 6000 });
    expect(errnoOf(() => a.kernel.connect(x, { address: '10.0.0.2', port: 6000 }))).toBe('EINPROGRESS');
    expect(errnoOf(() => b.kernel.connect(y, { address: '10.0.0.1', port: 5000 }))).toBe('EINPROGRESS');
    expect(ladder(exchange(a, b), NAMES)).toEqual([
      'a S 0:0(0) win 65535 <mss 1460>',
      'b S 0:0(0) win 65535 <mss 1460>',
      'b S. 0:0(0) ack 1 win 65535 <mss 1460>',
      'a S. 0:0(0) ack 1 win 65535 <mss 1460>',
      'a . 1:1(0) ack 1 win 65535',
      'b . 1:1(0) ack 1 win 65535',
    ]);
    expect([a.kernel.tcpInfo(x).state, b.kernel.tcpInfo(y).state]).toEqual(['ESTABLISHED', 'ESTABLISHED']);
    expect([a.kernel.poll(x), b.kernel.poll(y)]).toEqual([EPOLLOUT, EPOLLOUT]);
  });

  it('a SYN to a closed port is answered with RST, and connect fails with ECONNREFUSED', () => {
    const { a, b } = pair();
    const client = a.kernel.socket('tcp');
    errnoOf(() => a.kernel.connect(client, { address: '10.0.0.2', port: 9 }));
    const packets = exchange(a, b);
    expect(ladder(packets, NAMES)).toEqual(['a S 0:0(0) win 65535 <mss 1460>', 'b R. 0:0(0) ack 1 win 0']);
    expect(tcpOf(packets[1] ?? new Uint8Array()).header.seq).toBe(0);
    // As Linux reports a refused connect: error, hang-up, and both directions shut.
    expect(a.kernel.poll(client)).toBe(EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLRDHUP);
    expect(a.kernel.getsockopt(client, 'SO_ERROR')).toBe(errnoNumber('ECONNREFUSED'));
    expect(a.kernel.getsockopt(client, 'SO_ERROR')).toBe(0);
    expect(a.kernel.tcpInfo(client).state).toBe('CLOSED');
    expect(errnoOf(() => a.kernel.connect(client, SERVER))).toBe('ECONNABORTED'); // the outcome, already read
    expect(a.kernel.counters()).toMatchObject({ TcpAttemptFails: 1 });
    expect(b.kernel.counters()).toMatchObject({ TcpOutRsts: 1 });
  });

  it('retransmits the SYN after 1, 2, 4, 8, 16 and 32 s, then fails with ETIMEDOUT after 64 s more', () => {
    const { clock, a, b } = pair();
    const client = a.kernel.socket('tcp');
    errnoOf(() => a.kernel.connect(client, SERVER));
    const sentAt: number[] = [];
    elapse(clock, 200_000, a, b, () => {
      sentAt.push(clock.now);
      return undefined; // the link loses everything
    });
    expect(sentAt).toEqual([0, 1000, 3000, 7000, 15000, 31000, 63000]);
    expect(a.kernel.getsockopt(client, 'SO_ERROR')).toBe(errnoNumber('ETIMEDOUT'));
    expect(a.kernel.tcpInfo(client)).toMatchObject({ state: 'CLOSED', retransmits: 6 });
    expect(a.kernel.nextDeadline()).toBeUndefined();
    expect(a.kernel.counters()).toMatchObject({ TcpRetransSegs: 6, TcpOutSegs: 1, TcpAttemptFails: 1 });
  });

  it('a listener whose SYN-ACK is lost resends it when the SYN comes again, and gives up after 5 retries', () => {
    const { clock, a, b } = pair();
    listenOn(b);
    const client = a.kernel.socket('tcp');
    errnoOf(() => a.kernel.connect(client, SERVER));
    const carried: Uint8Array[] = [];
    const lost = (packet: Uint8Array): Uint8Array | undefined => {
      carried.push(packet);
      return packet[15] === 1 ? packet : undefined; // a's packets (from 10.0.0.1) get through, b's are lost
    };
    const timeOf = new Map<Uint8Array, number>();
    elapse(clock, 62_000, a, b, (packet) => (timeOf.set(packet, clock.now), lost(packet)));
    const serverLines = ladder(carried, NAMES)
      .map((line, index) => `${timeOf.get(carried[index] ?? new Uint8Array()) ?? '?'} ${line.replace(/ win.*/, '')}`)
      .filter((line) => line.includes(' b '));
    expect(serverLines).toEqual([
      '0 b S. 0:0(0) ack 1', // the answer to the SYN
      '1000 b S. 0:0(0) ack 1', // the answer to the retransmitted SYN
      '1000 b S. 0:0(0) ack 1', // its own timer
      '3000 b S. 0:0(0) ack 1',
      '3000 b S. 0:0(0) ack 1',
      '7000 b S. 0:0(0) ack 1',
      '7000 b S. 0:0(0) ack 1',
      '15000 b S. 0:0(0) ack 1',
      '15000 b S. 0:0(0) ack 1',
      '31000 b S. 0:0(0) ack 1',
      '31000 b S. 0:0(0) ack 1',
    ]);
    a.kernel.close(client);
    expect(elapse(clock, 10_000, a, b)).toEqual([]); // at 63 s the half-open connection is dropped, silently
    expect(b.kernel.nextDeadline()).toBeUndefined();
    expect(b.kernel.counters()).toMatchObject({ TcpRetransSegs: 10, TcpAttemptFails: 1 });
  });
});

describe('TCP socket calls before any connection', () => {
  it('fail as on Linux, and poll shows EPOLLOUT|EPOLLHUP', () => {
    const { a } = pair();
    const fd = a.kernel.socket('tcp');
    expect(a.kernel.poll(fd)).toBe(EPOLLOUT | EPOLLHUP);
    expect(errnoOf(() => a.kernel.recv(fd, 10))).toBe('ENOTCONN');
    expect(errnoOf(() => a.kernel.send(fd, bytes('x')))).toBe('EPIPE');
    expect(errnoOf(() => a.kernel.shutdown(fd, 'wr'))).toBe('ENOTCONN');
    expect(errnoOf(() => a.kernel.getpeername(fd))).toBe('ENOTCONN');
    expect(errnoOf(() => a.kernel.accept(fd))).toBe('EINVAL');
    expect(a.kernel.getsockopt(fd, 'TCP_MAXSEG')).toBe(536);
    expect(errnoOf(() => a.kernel.setsockopt(fd, 'TCP_MAXSEG', 10))).toBe('EINVAL');
    a.kernel.listen(fd, 5); // binds an ephemeral port first
    expect(a.kernel.getsockname(fd).port).toBeGreaterThanOrEqual(49152);
    expect(errnoOf(() => a.kernel.connect(fd, SERVER))).toBe('EISCONN');
    expect(errnoOf(() => a.kernel.recv(fd, 10))).toBe('ENOTCONN');
    expect(a.kernel.poll(fd)).toBe(0);
  });
});

describe('listen backlog', () => {
  it('drops a SYN when the accept queue holds more than backlog connections, as Linux does', () => {
    const { clock, a, b } = pair();
    const listener = listenOn(b, 1);
    const clients = [0, 1, 2].map(() => a.kernel.socket('tcp'));
    for (const client of clients) {
      errnoOf(() => a.kernel.connect(client, SERVER));
      exchange(a, b);
    }
    expect(clients.map((client) => a.kernel.tcpInfo(client).state)).toEqual(['ESTABLISHED', 'ESTABLISHED', 'SYN_SENT']);
    expect(b.kernel.counters()).toMatchObject({ ListenOverflows: 1, ListenDrops: 1, TcpPassiveOpens: 2 });
    b.kernel.accept(listener);
    b.kernel.accept(listener);
    expect(errnoOf(() => b.kernel.accept(listener))).toBe('EAGAIN');
    elapse(clock, 1000, a, b); // the dropped client retransmits its SYN, and now there is room
    expect(a.kernel.tcpInfo(clients[2] ?? -1).state).toBe('ESTABLISHED');
    expect(b.kernel.poll(listener)).toBe(EPOLLIN);
  });

  it('forgets a connection reset while it waits in the accept queue', () => {
    const { a, b } = pair();
    const listener = listenOn(b);
    const client = a.kernel.socket('tcp');
    errnoOf(() => a.kernel.connect(client, SERVER));
    exchange(a, b);
    expect(b.kernel.poll(listener)).toBe(EPOLLIN);
    b.kernel.receive(segmentFrom(a, client, TcpFlag.RST));
    expect(b.kernel.poll(listener)).toBe(0);
    expect(errnoOf(() => b.kernel.accept(listener))).toBe('EAGAIN');
    expect(b.kernel.counters()).toMatchObject({ TcpEstabResets: 1 });
  });
});
