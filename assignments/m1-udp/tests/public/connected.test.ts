/** Connected UDP sockets: a default destination, and a filter that admits only that peer. */
import { EPHEMERAL_PORT_MIN, INADDR_ANY } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { bytesOf } from '../support/bytes';
import { expectErrno } from '../support/errno';
import { openLab } from '../support/lab';
import { takeQueued, texts } from '../support/queue';
import { expectSentDatagram } from '../support/sent-datagram';

const STACK_PORT = 7000;
const PEER_PORT = 5000;

describe('connected UDP sockets', () => {
  netTest('send on a connected socket sends one datagram to the peer it connected to', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.sys.connect(fd, { address: lab.peerAddress, port: PEER_PORT });
    expect(await lab.sys.send(fd, bytesOf('ping'))).toBe(4);
    expectSentDatagram(await lab.peer.next(), { dst: lab.peerAddress, srcPort: STACK_PORT, dstPort: PEER_PORT, payload: 'ping' });
  });

  netTest('a connected socket receives datagrams from its peer only', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.sys.connect(fd, { address: lab.peerAddress, port: PEER_PORT });
    await lab.arrive(
      lab.datagram({ srcPort: PEER_PORT + 1, dstPort: STACK_PORT, payload: 'other port' }),
      lab.datagram({ src: '10.0.0.3', srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'other address' }),
      lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'the peer' }),
    );
    expect(texts(await takeQueued(lab.sys, fd))).toEqual(['the peer']);
  });

  netTest("connect binds an unbound socket to an ephemeral port, and getsockname then shows the host's address", async (t) => {
    const lab = openLab(t);
    const fd = await lab.sys.socket('udp');
    await lab.sys.connect(fd, { address: lab.peerAddress, port: PEER_PORT });
    const local = await lab.sys.getsockname(fd);
    expect(local.address).toBe(lab.stackAddress);
    expect(local.port).toBeGreaterThanOrEqual(EPHEMERAL_PORT_MIN);
    await lab.sys.send(fd, bytesOf('from here'));
    expectSentDatagram(await lab.peer.next(), { src: lab.stackAddress, srcPort: local.port, dstPort: PEER_PORT });
  });

  netTest('getpeername returns the connected peer, and fails with ENOTCONN before connect', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await expectErrno(lab.sys.getpeername(fd), 'ENOTCONN', 'getpeername before connect');
    await lab.sys.connect(fd, { address: lab.peerAddress, port: PEER_PORT });
    expect(await lab.sys.getpeername(fd)).toEqual({ address: lab.peerAddress, port: PEER_PORT });
  });

  netTest('send on a socket that is not connected fails with EDESTADDRREQ', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await expectErrno(lab.sys.send(fd, bytesOf('to whom?')), 'EDESTADDRREQ');
  });

  netTest('connect to 0.0.0.0 or to port 0 fails with EINVAL', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await expectErrno(lab.sys.connect(fd, { address: INADDR_ANY, port: PEER_PORT }), 'EINVAL', 'connect to 0.0.0.0');
    await expectErrno(lab.sys.connect(fd, { address: lab.peerAddress, port: 0 }), 'EINVAL', 'connect to port 0');
  });

  netTest('a datagram from the peer goes to the socket connected to it rather than to another socket on the port', async (t) => {
    const lab = openLab(t);
    const [connected, other] = [await lab.sys.socket('udp'), await lab.sys.socket('udp')];
    await lab.sys.setsockopt(connected, 'SO_REUSEADDR', true);
    await lab.sys.bind(connected, { address: INADDR_ANY, port: STACK_PORT });
    await lab.sys.connect(connected, { address: lab.peerAddress, port: PEER_PORT });
    // Bound after the connected socket, to the host's own address: as specific as it gets without a peer.
    await lab.sys.setsockopt(other, 'SO_REUSEADDR', true);
    await lab.sys.bind(other, { address: lab.stackAddress, port: STACK_PORT });
    await lab.arrive(
      lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'for the connected one' }),
      lab.datagram({ srcPort: PEER_PORT + 1, dstPort: STACK_PORT, payload: 'for the other one' }),
    );
    expect(texts(await takeQueued(lab.sys, connected))).toEqual(['for the connected one']);
    expect(texts(await takeQueued(lab.sys, other))).toEqual(['for the other one']);
  });
});
