/**
 * The readiness of TCP sockets in every state a program meets, against the reference: what
 * epoll reports, and that a blocked epoll_wait wakes for it (tcp_poll in Linux; epoll(7)). Where
 * the moment each segment arrives matters (a handshake that completes after an accept), the
 * harness plays the peer instead.
 */
import { EPOLLERR, EPOLLET, EPOLLHUP, EPOLLIN, EPOLLOUT, EPOLLRDHUP, errnoNumber, type Fd } from '../../../../harness/contract';
import { WAIT_FOREVER, type Sys } from '../../../../harness/runtime';
import { netTest, type NetTest } from '../../../../harness/testkit';
import { bytesOf } from '../../../m1-udp/tests/support/bytes';
import { referencePair } from '../../../m2-handshake/tests/support/reference-pair';
import { openTcpLab, type TcpLab } from '../../../m2-handshake/tests/support/tcp-lab';
import { listenOn, startConnect } from '../../../m2-handshake/tests/support/tcp-sockets';
import { TcpFlag } from '../../../../harness/wire';
import { named, readyNow, watching } from '../support/epoll-lab';

/** The port of the server in these tests (referencePair's service). */
const PORT = 4242;

/** Wait in epoll_wait on `ep` while `act` runs; what the wait returned, by name. */
async function waitWhile(sys: Sys, ep: Fd, act: () => Promise<unknown>): Promise<string[]> {
  const [events] = await Promise.all([sys.epollWait(ep, 8, WAIT_FOREVER), act()]);
  return named(events);
}

/** A connected pair, the stack under test as `role`; the stack's end and the reference's end. */
async function connectedPair(t: NetTest, role: 'client' | 'server') {
  const pair = referencePair(t, role);
  const listener = await listenOn(pair.server, PORT);
  const clientFd = await pair.client.socket('tcp');
  await pair.client.connect(clientFd, pair.service);
  const { fd: serverFd } = await pair.server.accept(listener);
  const [stack, reference] = role === 'client' ? [pair.client, pair.server] : [pair.server, pair.client];
  const [own, peers] = role === 'client' ? [clientFd, serverFd] : [serverFd, clientFd];
  return { ...pair, stack, reference, own, peers };
}

/**
 * An edge-triggered listener told of a first connection; a second one's SYN is answered, then
 * `between` runs: the listener must hear nothing until the second handshake completes, then once.
 */
async function secondHandshakeToEdgeTriggeredListener(t: NetTest, between: (lab: TcpLab, listener: Fd) => Promise<void>): Promise<void> {
  const lab = openTcpLab(t);
  const listener = await listenOn(lab.sys, PORT);
  const ep = await watching(lab.sys, [listener], EPOLLIN | EPOLLET);
  await lab.connection(5001, PORT).open();
  await lab.sleep(2);
  expect(await readyNow(lab.sys, ep)).toEqual([`fd ${listener}: EPOLLIN`]);
  const second = lab.connection(5002, PORT);
  await second.syn();
  await second.expect({ flags: TcpFlag.SYN | TcpFlag.ACK, seq: 0, ack: 1 });
  await between(lab, listener);
  expect(await readyNow(lab.sys, ep)).toEqual([]);
  await second.ack();
  await lab.sleep(2);
  expect(await readyNow(lab.sys, ep)).toEqual([`fd ${listener}: EPOLLIN`]);
}

describe('TCP readiness in epoll', () => {
  netTest('a listener is reported EPOLLIN while a connection waits to be accepted, and not once it is accepted', async (t) => {
    const pair = referencePair(t, 'server');
    const listener = await listenOn(pair.server, PORT);
    const ep = await watching(pair.server, [listener], EPOLLIN);
    const client = await pair.client.socket('tcp');
    expect(await waitWhile(pair.server, ep, () => pair.client.connect(client, pair.service))).toEqual([`fd ${listener}: EPOLLIN`]);
    await pair.server.accept(listener);
    expect(await readyNow(pair.server, ep)).toEqual([]);
  });

  netTest('an edge-triggered listener is reported once for each new connection, accepted or not', async (t) => {
    const pair = referencePair(t, 'server');
    const listener = await listenOn(pair.server, PORT);
    const ep = await watching(pair.server, [listener], EPOLLIN | EPOLLET);
    for (let i = 0; i < 2; i++) {
      const client = await pair.client.socket('tcp');
      expect(await waitWhile(pair.server, ep, () => pair.client.connect(client, pair.service))).toEqual([`fd ${listener}: EPOLLIN`]);
      expect(await readyNow(pair.server, ep)).toEqual([]);
    }
  });

  netTest('an edge-triggered listener is woken by a connection that completes after accept() emptied its queue, though its SYN came before the accept', async (t) => {
    await secondHandshakeToEdgeTriggeredListener(t, async (lab, listener) => {
      // The first connection leaves the queue: accept must note that it is empty now.
      await lab.sys.accept(listener);
    });
  });

  netTest('an edge-triggered listener hears of a handshake when it completes, not of its SYN, even with a connection already waiting', async (t) => {
    // Half open, the first connection still waiting: nothing new to accept.
    await secondHandshakeToEdgeTriggeredListener(t, async () => undefined);
  });

  netTest('a nonblocking connect is not writable in SYN-SENT, and wakes a blocked wait with EPOLLOUT when established', async (t) => {
    const pair = referencePair(t, 'client');
    await listenOn(pair.server, PORT);
    const fd = await startConnect(pair.client, pair.service);
    const ep = await watching(pair.client, [fd], EPOLLIN | EPOLLOUT);
    expect(await readyNow(pair.client, ep)).toEqual([]);
    expect(named(await pair.client.epollWait(ep, 8, WAIT_FOREVER))).toEqual([`fd ${fd}: EPOLLOUT`]);
  });

  netTest('a refused connect wakes a blocked wait with EPOLLERR and EPOLLHUP, though only EPOLLOUT was asked for', async (t) => {
    const pair = referencePair(t, 'client');
    const fd = await startConnect(pair.client, pair.service);
    const ep = await watching(pair.client, [fd], EPOLLOUT);
    const [event] = await pair.client.epollWait(ep, 8, WAIT_FOREVER);
    expect((event?.events ?? 0) & (EPOLLERR | EPOLLHUP)).toBe(EPOLLERR | EPOLLHUP);
    // Nothing else that was not asked for.
    expect((event?.events ?? 0) & ~(EPOLLOUT | EPOLLERR | EPOLLHUP)).toBe(0);
    expect(await pair.client.getsockopt(fd, 'SO_ERROR')).toBe(errnoNumber('ECONNREFUSED'));
  });

  netTest('a connect that times out wakes a blocked wait with EPOLLERR and EPOLLHUP (the SYN retransmission timer gives up)', async (t) => {
    const pair = referencePair(t, 'client');
    pair.toServer.dropWhere(() => true);
    const fd = await startConnect(pair.client, pair.service);
    const ep = await watching(pair.client, [fd], EPOLLIN);
    const [event] = await pair.client.epollWait(ep, 8, WAIT_FOREVER);
    expect((event?.events ?? 0) & (EPOLLERR | EPOLLHUP)).toBe(EPOLLERR | EPOLLHUP);
    expect(await pair.client.getsockopt(fd, 'SO_ERROR')).toBe(errnoNumber('ETIMEDOUT'));
  });

  netTest("the peer's FIN: EPOLLIN, with EPOLLRDHUP where it was asked for", async (t) => {
    const { stack, reference, own, peers } = await connectedPair(t, 'server');
    const [withRdhup, without] = [await watching(stack, [own], EPOLLIN | EPOLLRDHUP), await watching(stack, [own], EPOLLIN)];
    expect(await waitWhile(stack, withRdhup, () => reference.shutdown(peers, 'wr'))).toEqual([`fd ${own}: EPOLLIN|EPOLLRDHUP`]);
    expect(await readyNow(stack, without)).toEqual([`fd ${own}: EPOLLIN`]);
    // End of file stays readable: a read returns 0, and the socket is still reported.
    expect((await stack.recv(own, 10)).length).toBe(0);
    expect(await readyNow(stack, without)).toEqual([`fd ${own}: EPOLLIN`]);
  });

  netTest('after its own shutdown(SHUT_WR) a socket is still reported writable, and EPOLLHUP comes only when the peer has closed too', async (t) => {
    const { stack, reference, own, peers } = await connectedPair(t, 'client');
    const ep = await watching(stack, [own], EPOLLIN | EPOLLOUT | EPOLLRDHUP);
    await stack.shutdown(own, 'wr');
    await stack.sleep(10);
    expect(await readyNow(stack, ep)).toEqual([`fd ${own}: EPOLLOUT`]);
    // Watch for input only, so that the wait waits for the peer.
    await stack.epollCtl(ep, 'mod', own, EPOLLIN | EPOLLRDHUP);
    expect(await waitWhile(stack, ep, () => reference.close(peers))).toEqual([`fd ${own}: EPOLLIN|EPOLLHUP|EPOLLRDHUP`]);
  });

  netTest('a reset wakes a blocked wait with EPOLLERR and EPOLLHUP', async (t) => {
    const { stack, reference, own, peers } = await connectedPair(t, 'client');
    const ep = await watching(stack, [own], EPOLLIN);
    // The reference closes with data unread: it resets the connection.
    await stack.send(own, bytesOf('never read'));
    await stack.sleep(10);
    const [event] = await Promise.all([stack.epollWait(ep, 8, WAIT_FOREVER), reference.close(peers)]);
    expect((event[0]?.events ?? 0) & (EPOLLERR | EPOLLHUP)).toBe(EPOLLERR | EPOLLHUP);
    expect(await stack.getsockopt(own, 'SO_ERROR')).toBe(errnoNumber('ECONNRESET'));
  });

  netTest('edge-triggered EPOLLIN is reported for each segment that arrives, and not for the ACK of what the socket sent', async (t) => {
    const { stack, reference, own, peers } = await connectedPair(t, 'client');
    const ep = await watching(stack, [own], EPOLLIN | EPOLLET);
    expect(await waitWhile(stack, ep, () => reference.send(peers, bytesOf('one')))).toEqual([`fd ${own}: EPOLLIN`]);
    expect(await waitWhile(stack, ep, () => reference.send(peers, bytesOf('two')))).toEqual([`fd ${own}: EPOLLIN`]);
    // Data still unread; the ACK of what the stack sends changes nothing it watches.
    await stack.send(own, bytesOf('reply'));
    await stack.sleep(100);
    expect(await readyNow(stack, ep)).toEqual([]);
  });

  netTest('edge-triggered EPOLLOUT is reported again when a full send buffer has room; an EPOLLIN-only item is not', async (t) => {
    const { stack, reference, own, peers } = await connectedPair(t, 'client');
    stack.fcntl(own, 'O_NONBLOCK');
    const [writes, reads] = [await watching(stack, [own], EPOLLOUT | EPOLLET), await watching(stack, [own], EPOLLIN | EPOLLET)];
    expect(await readyNow(stack, writes)).toEqual([`fd ${own}: EPOLLOUT`]);
    expect(await waitWhile(stack, reads, () => reference.send(peers, bytesOf('unread')))).toEqual([`fd ${own}: EPOLLIN`]);
    // Fill the send buffer: the reference does not read yet, so its window closes too.
    const block = new Uint8Array(16384);
    while ((await stack.send(own, block).catch(() => 0)) > 0);
    expect(await readyNow(stack, writes)).toEqual([]);
    const drainPeer = async (): Promise<void> => {
      reference.fcntl(peers, 'O_NONBLOCK');
      while ((await reference.recv(peers, 65536).catch(() => new Uint8Array(0))).length > 0);
    };
    expect(await waitWhile(stack, writes, drainPeer)).toEqual([`fd ${own}: EPOLLOUT`]);
    // Room in the send buffer is no news for an item that watches input only.
    expect(await readyNow(stack, reads)).toEqual([]);
  });
});
