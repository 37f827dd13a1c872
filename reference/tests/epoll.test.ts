import { EPOLLERR, EPOLLET, EPOLLHUP, EPOLLIN, EPOLLONESHOT, EPOLLOUT, EPOLLRDHUP, type Kernel } from '../../harness/contract';
import { bytes, errnoOf, exchange, testHost, type TestHost } from './hosts';
import { connected, pair, SERVER } from './tcp-hosts';

/** A UDP socket of `host` bound to `port`. */
function udpOn(host: TestHost, port: number): number {
  const fd = host.kernel.socket('udp');
  host.kernel.bind(fd, { address: host.address, port });
  return fd;
}

/** Send one datagram from a's `from` socket to b's port, and carry it. */
function datagram(a: TestHost, b: TestHost, from: number, port: number): void {
  a.kernel.sendto(from, bytes('x'), { address: b.address, port });
  exchange(a, b);
}

function udpPair(): { a: TestHost; b: TestHost; sender: number } {
  const a = testHost('10.0.0.1');
  const b = testHost('10.0.0.2', 2);
  return { a, b, sender: udpOn(a, 9000) };
}

const fds = (kernel: Kernel, ep: number, max = 10): number[] => kernel.epollWait(ep, max).map((e) => e.fd);

describe('epoll on the reference', () => {
  it('level-triggered: reports a readable socket on every wait until it is read', () => {
    const { a, b, sender } = udpPair();
    const fd = udpOn(b, 7000);
    const ep = b.kernel.epollCreate();
    b.kernel.epollCtl(ep, 'add', fd, EPOLLIN);
    expect(b.kernel.epollWait(ep, 4)).toEqual([]);
    datagram(a, b, sender, 7000);
    expect(b.kernel.epollWait(ep, 4)).toEqual([{ fd, events: EPOLLIN }]);
    expect(b.kernel.epollWait(ep, 4)).toEqual([{ fd, events: EPOLLIN }]);
    b.kernel.recvfrom(fd, 100);
    expect(b.kernel.epollWait(ep, 4)).toEqual([]);
  });

  it('edge-triggered: reports each arrival once, and again when more input arrives', () => {
    const { a, b, sender } = udpPair();
    const fd = udpOn(b, 7000);
    const ep = b.kernel.epollCreate();
    b.kernel.epollCtl(ep, 'add', fd, EPOLLIN | EPOLLET);
    datagram(a, b, sender, 7000);
    expect(fds(b.kernel, ep)).toEqual([fd]);
    expect(fds(b.kernel, ep)).toEqual([]);
    datagram(a, b, sender, 7000);
    expect(fds(b.kernel, ep)).toEqual([fd]);
    expect(fds(b.kernel, ep)).toEqual([]);
  });

  it('one-shot: reports once, then nothing until epollCtl mod re-arms it', () => {
    const { a, b, sender } = udpPair();
    const fd = udpOn(b, 7000);
    const ep = b.kernel.epollCreate();
    b.kernel.epollCtl(ep, 'add', fd, EPOLLIN | EPOLLONESHOT);
    datagram(a, b, sender, 7000);
    expect(fds(b.kernel, ep)).toEqual([fd]);
    datagram(a, b, sender, 7000);
    expect(fds(b.kernel, ep)).toEqual([]);
    b.kernel.epollCtl(ep, 'mod', fd, EPOLLIN | EPOLLONESHOT);
    expect(fds(b.kernel, ep)).toEqual([fd]);
    expect(fds(b.kernel, ep)).toEqual([]);
  });

  it('rotates its ready list: with more ready than maxevents, each is reported in turn', () => {
    const { a, b, sender } = udpPair();
    const ports = [7000, 7001, 7002];
    const sockets = ports.map((port) => udpOn(b, port));
    const ep = b.kernel.epollCreate();
    for (const fd of sockets) b.kernel.epollCtl(ep, 'add', fd, EPOLLIN);
    for (const port of ports) datagram(a, b, sender, port);
    expect([fds(b.kernel, ep, 1), fds(b.kernel, ep, 1), fds(b.kernel, ep, 1), fds(b.kernel, ep, 2)]).toEqual([
      [sockets[0]],
      [sockets[1]],
      [sockets[2]],
      [sockets[0], sockets[1]],
    ]);
  });

  it('reports EPOLLERR and EPOLLHUP unasked, and EPOLLRDHUP only when asked', () => {
    const { a, b, client, server } = connected();
    const ep = b.kernel.epollCreate();
    b.kernel.epollCtl(ep, 'add', server, EPOLLIN | EPOLLRDHUP);
    const other = b.kernel.epollCreate();
    b.kernel.epollCtl(other, 'add', server, 0);
    a.kernel.shutdown(client, 'wr');
    exchange(a, b);
    expect(b.kernel.epollWait(ep, 4)).toEqual([{ fd: server, events: EPOLLIN | EPOLLRDHUP }]);
    expect(b.kernel.epollWait(other, 4)).toEqual([]);
    // Closing with unread data resets the connection.
    b.kernel.send(server, bytes('unread'));
    exchange(a, b);
    a.kernel.close(client);
    exchange(a, b);
    expect(b.kernel.epollWait(other, 4)).toEqual([{ fd: server, events: EPOLLERR | EPOLLHUP }]);
    expect(b.kernel.epollWait(ep, 4)).toEqual([{ fd: server, events: EPOLLIN | EPOLLRDHUP | EPOLLERR | EPOLLHUP }]);
  });

  it('a listener is readable once a connection completes, and a connect is writable once established', () => {
    const { a, b } = pair();
    const listener = b.kernel.socket('tcp');
    b.kernel.bind(listener, { address: '0.0.0.0', port: SERVER.port });
    b.kernel.listen(listener, 8);
    const ep = b.kernel.epollCreate();
    b.kernel.epollCtl(ep, 'add', listener, EPOLLIN | EPOLLET);
    const client = a.kernel.socket('tcp');
    const epa = a.kernel.epollCreate();
    expect(errnoOf(() => a.kernel.connect(client, SERVER))).toBe('EINPROGRESS');
    a.kernel.epollCtl(epa, 'add', client, EPOLLOUT | EPOLLET);
    expect(a.kernel.epollWait(epa, 4)).toEqual([]);
    exchange(a, b);
    expect(a.kernel.epollWait(epa, 4)).toEqual([{ fd: client, events: EPOLLOUT }]);
    expect(b.kernel.epollWait(ep, 4)).toEqual([{ fd: listener, events: EPOLLIN }]);
    b.kernel.accept(listener);
    expect(b.kernel.epollWait(ep, 4)).toEqual([]);
  });

  it('a refused connect reports EPOLLERR|EPOLLHUP to a program that asked only for EPOLLOUT', () => {
    const { a, b } = pair();
    const client = a.kernel.socket('tcp');
    const ep = a.kernel.epollCreate();
    a.kernel.epollCtl(ep, 'add', client, EPOLLOUT);
    errnoOf(() => a.kernel.connect(client, SERVER));
    exchange(a, b);
    expect(a.kernel.epollWait(ep, 4)).toEqual([{ fd: client, events: EPOLLOUT | EPOLLERR | EPOLLHUP }]);
  });

  it('forgets a closed fd, and gives the errno Linux gives for bad arguments', () => {
    const { b } = udpPair();
    const fd = udpOn(b, 7000);
    const ep = b.kernel.epollCreate();
    b.kernel.epollCtl(ep, 'add', fd, EPOLLIN);
    expect(errnoOf(() => b.kernel.epollCtl(ep, 'add', fd, EPOLLIN))).toBe('EEXIST');
    b.kernel.close(fd);
    expect(errnoOf(() => b.kernel.epollCtl(ep, 'del', fd, 0))).toBe('EBADF');
    const again = udpOn(b, 7000);
    expect(again).toBe(fd);
    expect(errnoOf(() => b.kernel.epollCtl(ep, 'mod', again, EPOLLIN))).toBe('ENOENT');
    expect(errnoOf(() => b.kernel.epollCtl(ep, 'del', again, 0))).toBe('ENOENT');
    expect(errnoOf(() => b.kernel.epollCtl(again, 'add', ep, EPOLLIN))).toBe('EINVAL');
    expect(errnoOf(() => b.kernel.epollCtl(ep, 'add', ep, EPOLLIN))).toBe('EINVAL');
    expect(errnoOf(() => b.kernel.epollWait(again, 1))).toBe('EINVAL');
    expect(errnoOf(() => b.kernel.epollWait(ep, 0))).toBe('EINVAL');
    expect(errnoOf(() => b.kernel.epollWait(99, 0))).toBe('EBADF');
    expect(errnoOf(() => b.kernel.epollWait(99, 1))).toBe('EBADF');
    expect(errnoOf(() => b.kernel.epollCtl(ep, 'add', 99, EPOLLIN))).toBe('EBADF');
  });
});
