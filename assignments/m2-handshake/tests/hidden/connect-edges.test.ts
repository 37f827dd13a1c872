/**
 * connect() and the MSS at their edges: EALREADY while a simultaneous open is in SYN_RECEIVED,
 * EADDRNOTAVAIL for a 4-tuple another connection holds (Linux's __inet_check_established), a
 * connect after a refused one, which starts a connection of its own (Linux's tcp_disconnect
 * resets the socket's shutdown state and queues), EADDRNOTAVAIL too while the holder is still in
 * SYN_SENT, getpeername before the connection is made (ENOTCONN), and
 * an MSS option of 0, which counts as none (536), as Linux's tcp_parse_options ignores it.
 */
import { EPOLLOUT, INADDR_ANY } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { expectErrno } from '../../../m1-udp/tests/support/errno';
import { expectNamed } from '../support/named-check';
import { crossedSyns } from '../support/simultaneous-open';
import { openTcpLab } from '../support/tcp-lab';
import { listenOn, startConnect, stateOf } from '../support/tcp-sockets';

const STACK_PORT = 8585;
const PEER_PORT = 45500;
/** The MSS assumed for a peer that announced none (RFC 9293 §3.7.1). */
const DEFAULT_MSS = 536;

const { SYN, ACK, PSH, RST } = TcpFlag;

describe('connect, edges', () => {
  netTest('connect while a simultaneous open is in SYN_RECEIVED fails with EALREADY; once it completes, it returns 0', async (t) => {
    const lab = openTcpLab(t);
    const to = { address: lab.peerAddress, port: PEER_PORT };
    const { fd, conn } = await crossedSyns(lab, STACK_PORT, PEER_PORT);
    expectNamed('the state after the crossing SYN', await stateOf(lab.sys, fd), 'SYN_RECEIVED');
    lab.sys.fcntl(fd, 'O_NONBLOCK');
    await expectErrno(lab.sys.connect(fd, to), 'EALREADY', 'connect in SYN_RECEIVED');
    await conn.send({ flags: SYN | ACK, seq: 0, options: [{ kind: 'mss', value: 1460 }] });
    await conn.expect({ flags: ACK, seq: 1, ack: 1 });
    expectNamed('the state once our SYN is acknowledged', await stateOf(lab.sys, fd), 'ESTABLISHED');
    await lab.sys.connect(fd, to);
  });

  netTest('connect from a port to an address and port another connection of that port already uses fails with EADDRNOTAVAIL', async (t) => {
    const lab = openTcpLab(t);
    // An accepted connection holds (stack:STACK_PORT, peer:PEER_PORT); SO_REUSEADDR lets another socket bind STACK_PORT.
    const listener = await listenOn(lab.sys, STACK_PORT, { reuse: true });
    await lab.connection(PEER_PORT, STACK_PORT).open();
    await lab.sys.accept(listener);
    await lab.sys.close(listener);
    const fd = await lab.sys.socket('tcp');
    await lab.sys.setsockopt(fd, 'SO_REUSEADDR', true);
    await lab.sys.bind(fd, { address: INADDR_ANY, port: STACK_PORT });
    lab.sys.fcntl(fd, 'O_NONBLOCK');
    await expectErrno(lab.sys.connect(fd, { address: lab.peerAddress, port: PEER_PORT }), 'EADDRNOTAVAIL', 'connect to the 4-tuple in use');
    await lab.quiet(100, 'a connect that failed sends no SYN');
  });

  netTest('connect to an address and port a connection still in SYN_SENT holds fails with EADDRNOTAVAIL, and sends no second SYN', async (t) => {
    const lab = openTcpLab(t);
    const to = { address: lab.peerAddress, port: PEER_PORT };
    const bound = async (): Promise<number> => {
      const fd = await lab.sys.socket('tcp');
      await lab.sys.setsockopt(fd, 'SO_REUSEADDR', true);
      await lab.sys.bind(fd, { address: INADDR_ANY, port: STACK_PORT });
      lab.sys.fcntl(fd, 'O_NONBLOCK');
      return fd;
    };
    await expectErrno(lab.sys.connect(await bound(), to), 'EINPROGRESS', 'the first connect');
    await lab.connection(PEER_PORT, STACK_PORT).expect({ flags: SYN, seq: 0 });
    await expectErrno(lab.sys.connect(await bound(), to), 'EADDRNOTAVAIL', 'connect to the 4-tuple the connection in SYN_SENT holds');
    await lab.quiet(100, 'a connect that failed sends no SYN');
  });

  netTest('getpeername while the SYN is unanswered (SYN_SENT) fails with ENOTCONN, as on Linux; once connected, it names the peer', async (t) => {
    const lab = openTcpLab(t);
    const fd = await startConnect(lab.sys, { address: lab.peerAddress, port: PEER_PORT });
    await expectErrno(lab.sys.getpeername(fd), 'ENOTCONN', 'getpeername in SYN_SENT');
    await lab.connection(PEER_PORT, (await lab.sys.getsockname(fd)).port).answer();
    expectNamed('the peer getpeername names once connected', await lab.sys.getpeername(fd), { address: lab.peerAddress, port: PEER_PORT });
  });

  netTest('a connect after a refused one starts a fresh connection: not shut down, recv is EAGAIN and poll EPOLLOUT alone', async (t) => {
    const lab = openTcpLab(t);
    const to = { address: lab.peerAddress, port: PEER_PORT };
    const fd = await startConnect(lab.sys, to);
    const port = (await lab.sys.getsockname(fd)).port;
    const refused = lab.connection(PEER_PORT, port);
    await refused.expect({ flags: SYN, seq: 0 });
    await refused.send({ flags: RST | ACK, seq: 0 });
    await lab.sleep(2);
    lab.sys.fcntl(fd, 'O_NONBLOCK');
    await expectErrno(lab.sys.connect(fd, to), 'ECONNREFUSED', 'the connect that reports the refusal');
    await expectErrno(lab.sys.connect(fd, to), 'EINPROGRESS', 'the next connect');
    await lab.connection(PEER_PORT, port).answer();
    expectNamed('the state of the new connection', await stateOf(lab.sys, fd), 'ESTABLISHED');
    expectNamed('poll on the new connection', await lab.sys.poll(fd), EPOLLOUT);
    await expectErrno(lab.sys.recv(fd, 10), 'EAGAIN', 'recv on the new connection before any data');
  });

  netTest('a SYN with an MSS option of 0 counts as one without: data goes out in 536-byte segments', async (t) => {
    const lab = openTcpLab(t);
    const listener = await listenOn(lab.sys, STACK_PORT);
    const conn = lab.connection(PEER_PORT, STACK_PORT);
    await conn.open([{ kind: 'mss', value: 0 }]);
    const { fd } = await lab.sys.accept(listener);
    expectNamed('tcpInfo mss', (await lab.sys.tcpInfo(fd)).mss, DEFAULT_MSS);
    await lab.sys.send(fd, new Uint8Array(DEFAULT_MSS + 100).fill(3));
    await conn.expect({ flags: ACK, seq: 1, length: DEFAULT_MSS });
    await conn.expect({ flags: PSH | ACK, length: 100 });
  });
});
