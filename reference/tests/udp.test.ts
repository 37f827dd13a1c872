import { EPHEMERAL_PORT_MAX, EPHEMERAL_PORT_MIN, EPOLLERR, EPOLLIN, EPOLLOUT } from '../../harness/contract';
import { bytes, errnoOf, exchange, testHost } from './hosts';

describe('bind', () => {
  it('refuses a taken port, a foreign address and a second bind', () => {
    const { kernel } = testHost('10.0.0.2');
    const first = kernel.socket('udp');
    const second = kernel.socket('udp');
    expect([first, second]).toEqual([3, 4]);
    kernel.bind(first, { address: '0.0.0.0', port: 7000 });
    expect(errnoOf(() => kernel.bind(second, { address: '10.0.0.2', port: 7000 }))).toBe('EADDRINUSE');
    expect(errnoOf(() => kernel.bind(second, { address: '10.0.0.9', port: 7001 }))).toBe('EADDRNOTAVAIL');
    expect(errnoOf(() => kernel.bind(first, { address: '0.0.0.0', port: 7002 }))).toBe('EINVAL');
    kernel.close(first);
    kernel.bind(second, { address: '10.0.0.2', port: 7000 });
  });

  it('shares a port between sockets that all set SO_REUSEADDR', () => {
    const { kernel } = testHost('10.0.0.2');
    const [a, b] = [kernel.socket('udp'), kernel.socket('udp')];
    kernel.setsockopt(a, 'SO_REUSEADDR', true);
    kernel.bind(a, { address: '0.0.0.0', port: 7000 });
    expect(errnoOf(() => kernel.bind(b, { address: '0.0.0.0', port: 7000 }))).toBe('EADDRINUSE');
    kernel.setsockopt(b, 'SO_REUSEADDR', true);
    kernel.bind(b, { address: '0.0.0.0', port: 7000 });
  });

  it('picks ephemeral ports in 49152–65535 for port 0', () => {
    const { kernel } = testHost('10.0.0.2');
    const ports = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const fd = kernel.socket('udp');
      kernel.bind(fd, { address: '0.0.0.0', port: 0 });
      ports.add(kernel.getsockname(fd).port);
    }
    expect(ports.size).toBe(20);
    for (const port of ports) expect(port >= EPHEMERAL_PORT_MIN && port <= EPHEMERAL_PORT_MAX).toBe(true);
  });
});

describe('datagrams between two kernels', () => {
  it('arrive whole, one per recvfrom, with their sender; a short buffer truncates', () => {
    const a = testHost('10.0.0.1', 1);
    const b = testHost('10.0.0.2', 2);
    const server = b.kernel.socket('udp');
    b.kernel.bind(server, { address: '0.0.0.0', port: 4242 });
    const client = a.kernel.socket('udp');
    expect(a.kernel.sendto(client, bytes('42 C'), { address: '10.0.0.2', port: 4242 })).toBe(4);
    a.kernel.sendto(client, bytes('hello, world'), { address: '10.0.0.2', port: 4242 });
    expect(b.kernel.poll(server)).toBe(EPOLLOUT);
    exchange(a, b);

    const from = a.kernel.getsockname(client);
    expect(from.address).toBe('0.0.0.0'); // bound automatically, to every address
    expect(b.kernel.poll(server)).toBe(EPOLLIN | EPOLLOUT);
    expect(b.kernel.recvfrom(server, 100)).toEqual({ data: bytes('42 C'), from: { address: '10.0.0.1', port: from.port }, truncated: false });
    expect(b.kernel.recvfrom(server, 5)).toEqual({ data: bytes('hello'), from: { address: '10.0.0.1', port: from.port }, truncated: true });
    expect(errnoOf(() => b.kernel.recvfrom(server, 100))).toBe('EAGAIN');
    expect(b.kernel.counters()).toMatchObject({ UdpInDatagrams: 2, UdpInErrors: 0 });
  });

  it('drops a datagram whose checksum fails, and datagrams beyond SO_RCVBUF', () => {
    const a = testHost('10.0.0.1', 1);
    const b = testHost('10.0.0.2', 2);
    const server = b.kernel.socket('udp');
    b.kernel.bind(server, { address: '10.0.0.2', port: 4242 });
    b.kernel.setsockopt(server, 'SO_RCVBUF', 250);
    const client = a.kernel.socket('udp');
    a.kernel.sendto(client, new Uint8Array(100).fill(1), { address: '10.0.0.2', port: 4242 });
    exchange(a, b, (packet) => {
      // Flip the last payload byte: the IPv4 header (and its checksum) stays intact.
      const damaged = packet.slice();
      damaged[damaged.length - 1] = (packet[packet.length - 1] ?? 0) ^ 0xff;
      return damaged;
    });
    expect(b.kernel.counters()).toMatchObject({ UdpInCsumErrors: 1, UdpInErrors: 1, UdpInDatagrams: 0 });

    for (let i = 0; i < 3; i++) a.kernel.sendto(client, new Uint8Array(100), { address: '10.0.0.2', port: 4242 });
    exchange(a, b);
    expect(b.kernel.counters()).toMatchObject({ UdpInDatagrams: 2, UdpRcvbufErrors: 1, UdpInErrors: 2 });
  });

  it('refuses a datagram that does not fit the MTU (no fragmentation)', () => {
    const a = testHost('10.0.0.1');
    const fd = a.kernel.socket('udp');
    const to = { address: '10.0.0.2', port: 9 };
    expect(errnoOf(() => a.kernel.sendto(fd, new Uint8Array(1500 - 28 + 1), to))).toBe('EMSGSIZE');
    expect(a.kernel.sendto(fd, new Uint8Array(1500 - 28), to)).toBe(1472);
    expect(a.sent[0]?.length).toBe(1500);
  });
});

describe('ICMP port unreachable', () => {
  it('answers a datagram to a closed port, and a connected sender sees ECONNREFUSED once', () => {
    const a = testHost('10.0.0.1', 1);
    const b = testHost('10.0.0.2', 2);
    const client = a.kernel.socket('udp');
    a.kernel.connect(client, { address: '10.0.0.2', port: 9999 });
    a.kernel.send(client, bytes('anyone?'));
    const [datagram, reply, ...more] = exchange(a, b);
    if (!datagram || !reply) throw new Error('expected a datagram and a reply');
    expect(more).toEqual([]);

    // The reply: IPv4 to the sender, protocol ICMP, type 3 code 3, quoting the IPv4 header and 8 bytes.
    const icmp = reply.subarray(20);
    expect([reply[9], reply.subarray(16, 20).join('.')]).toEqual([1, '10.0.0.1']);
    expect([icmp[0], icmp[1]]).toEqual([3, 3]);
    expect(icmp.subarray(8)).toEqual(datagram.subarray(0, 20 + 8));
    expect(b.kernel.counters()).toMatchObject({ UdpNoPorts: 1, IcmpOutDestUnreachs: 1 });

    expect(a.kernel.poll(client)).toBe(EPOLLOUT | EPOLLERR);
    expect(errnoOf(() => a.kernel.recv(client, 100))).toBe('ECONNREFUSED');
    expect(errnoOf(() => a.kernel.recv(client, 100))).toBe('EAGAIN');
    expect(a.kernel.getsockopt(client, 'SO_ERROR')).toBe(0);
  });

  it('is ignored by an unconnected sender', () => {
    const a = testHost('10.0.0.1', 1);
    const b = testHost('10.0.0.2', 2);
    const client = a.kernel.socket('udp');
    a.kernel.sendto(client, bytes('anyone?'), { address: '10.0.0.2', port: 9999 });
    exchange(a, b);
    expect(a.kernel.counters()).toMatchObject({ IcmpInDestUnreachs: 1 });
    expect(a.kernel.poll(client)).toBe(EPOLLOUT);
  });
});

describe('receive', () => {
  it('drops and counts malformed packets instead of throwing', () => {
    const { kernel } = testHost('10.0.0.2');
    kernel.receive(new Uint8Array(0));
    kernel.receive(Uint8Array.of(0x45, 0, 0, 20));
    kernel.receive(new Uint8Array(60).fill(0x45));
    expect(kernel.counters()).toMatchObject({ IpInReceives: 3, IpInHdrErrors: 3, IpInDelivers: 0 });
  });
});
