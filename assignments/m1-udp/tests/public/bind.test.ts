/** bind: who may hold a local address, and how arriving datagrams find the socket that holds it. */
import { INADDR_ANY } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { expectErrno } from '../support/errno';
import { openLab } from '../support/lab';
import { takeQueued, texts } from '../support/queue';

const PORT = 7000;
const PEER_PORT = 5000;

describe('bind', () => {
  netTest('a port another socket holds is refused with EADDRINUSE', async (t) => {
    const lab = openLab(t);
    await lab.boundSocket(PORT);
    const second = await lab.sys.socket('udp');
    await expectErrno(lab.sys.bind(second, { address: INADDR_ANY, port: PORT }), 'EADDRINUSE', 'the second bind');
  });

  netTest("0.0.0.0 and the host's own address collide on the same port, in either order", async (t) => {
    const lab = openLab(t);
    await lab.boundSocket(PORT, INADDR_ANY);
    await lab.boundSocket(PORT + 1, lab.stackAddress);
    const [a, b] = [await lab.sys.socket('udp'), await lab.sys.socket('udp')];
    await expectErrno(lab.sys.bind(a, { address: lab.stackAddress, port: PORT }), 'EADDRINUSE', "bind to the host's address after 0.0.0.0");
    await expectErrno(lab.sys.bind(b, { address: INADDR_ANY, port: PORT + 1 }), 'EADDRINUSE', "bind to 0.0.0.0 after the host's address");
  });

  netTest('a port is free to bind again once the socket that held it is closed', async (t) => {
    const lab = openLab(t);
    await lab.sys.close(await lab.boundSocket(PORT));
    const again = await lab.boundSocket(PORT);
    expect(await lab.sys.getsockname(again)).toEqual({ address: INADDR_ANY, port: PORT });
  });

  netTest("an address that is not the host's is refused with EADDRNOTAVAIL", async (t) => {
    const lab = openLab(t);
    const fd = await lab.sys.socket('udp');
    await expectErrno(lab.sys.bind(fd, { address: '10.0.0.99', port: PORT }), 'EADDRNOTAVAIL');
  });

  netTest('a socket that is already bound is refused with EINVAL', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(PORT);
    await expectErrno(lab.sys.bind(fd, { address: INADDR_ANY, port: PORT + 1 }), 'EINVAL', 'the second bind of one socket');
  });

  netTest('sockets that all set SO_REUSEADDR share a port; a socket without it is refused', async (t) => {
    const lab = openLab(t);
    const sharing = [await lab.sys.socket('udp'), await lab.sys.socket('udp'), await lab.sys.socket('udp')];
    for (const fd of sharing.slice(0, 2)) {
      await lab.sys.setsockopt(fd, 'SO_REUSEADDR', true);
      await lab.sys.bind(fd, { address: INADDR_ANY, port: PORT });
    }
    await expectErrno(lab.sys.bind(sharing[2]!, { address: INADDR_ANY, port: PORT }), 'EADDRINUSE', 'bind without SO_REUSEADDR');
  });

  netTest('getsockname reports the address and port a socket was bound to', async (t) => {
    const lab = openLab(t);
    const specific = await lab.boundSocket(PORT, lab.stackAddress);
    const wildcard = await lab.boundSocket(PORT + 1);
    expect(await lab.sys.getsockname(specific)).toEqual({ address: lab.stackAddress, port: PORT });
    expect(await lab.sys.getsockname(wildcard)).toEqual({ address: INADDR_ANY, port: PORT + 1 });
  });

  netTest('each datagram reaches the socket bound to its destination port, and only that one', async (t) => {
    const lab = openLab(t);
    const [first, second] = [await lab.boundSocket(PORT), await lab.boundSocket(PORT + 1, lab.stackAddress)];
    await lab.arrive(
      lab.datagram({ srcPort: PEER_PORT, dstPort: PORT + 1, payload: 'to second' }),
      lab.datagram({ srcPort: PEER_PORT, dstPort: PORT, payload: 'to first' }),
    );
    expect(texts(await takeQueued(lab.sys, first))).toEqual(['to first']);
    expect(texts(await takeQueued(lab.sys, second))).toEqual(['to second']);
  });
});
