/** bind at its edges: every overlap of addresses, SO_REUSEADDR on one side only, and ports shared then released. */
import { INADDR_ANY, type Fd } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { expectErrno } from '../support/errno';
import { expectPortUnreachable } from '../support/icmp';
import { openLab, type Lab } from '../support/lab';
import { takeQueued, texts } from '../support/queue';

const PORT = 33_333;
const PEER_PORT = 4_444;

/** A socket with SO_REUSEADDR set before it binds to `address:PORT`. */
async function sharingSocket(lab: Lab, address: string): Promise<Fd> {
  const fd = await lab.sys.socket('udp');
  await lab.sys.setsockopt(fd, 'SO_REUSEADDR', true);
  await lab.sys.bind(fd, { address, port: PORT });
  return fd;
}

describe('bind', () => {
  netTest("two binds to the host's own address and the same port collide", async (t) => {
    const lab = openLab(t);
    await lab.boundSocket(PORT, lab.stackAddress);
    await expectErrno(lab.boundSocket(PORT, lab.stackAddress), 'EADDRINUSE');
  });

  netTest('SO_REUSEADDR set on the second socket only does not let it share the port', async (t) => {
    const lab = openLab(t);
    await lab.boundSocket(PORT);
    const fd = await lab.sys.socket('udp');
    await lab.sys.setsockopt(fd, 'SO_REUSEADDR', true);
    await expectErrno(lab.sys.bind(fd, { address: INADDR_ANY, port: PORT }), 'EADDRINUSE');
  });

  netTest('a port is in use as long as one socket holds it, and no longer', async (t) => {
    const lab = openLab(t);
    await lab.sys.close(await lab.boundSocket(PORT));
    const held = await lab.boundSocket(PORT);
    await expectErrno(lab.boundSocket(PORT), 'EADDRINUSE', 'bind while the port is held again');
    await lab.sys.close(held);
    await lab.boundSocket(PORT);
  });

  netTest("a socket bound to the host's address gets a datagram rather than a wildcard socket on the port", async (t) => {
    const lab = openLab(t);
    const specific = await sharingSocket(lab, lab.stackAddress);
    const wildcard = await sharingSocket(lab, INADDR_ANY);
    await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: PORT, payload: 'to the specific one' }));
    expect(texts(await takeQueued(lab.sys, specific))).toEqual(['to the specific one']);
    expect(await takeQueued(lab.sys, wildcard)).toEqual([]);
  });

  netTest('of three wildcard sockets sharing a port, equally specific, the one bound last gets the datagram', async (t) => {
    const lab = openLab(t);
    // Three, so that neither the socket bound first nor a later match taking each tie can pass for the last.
    const sockets = [await sharingSocket(lab, INADDR_ANY), await sharingSocket(lab, INADDR_ANY), await sharingSocket(lab, INADDR_ANY)];
    await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: PORT, payload: 'to the last one' }));
    const queued = await Promise.all(sockets.map(async (fd) => texts(await takeQueued(lab.sys, fd))));
    expect(queued).toEqual([[], [], ['to the last one']]);
  });

  netTest('when one of two sockets sharing a port closes, the other gets the datagrams', async (t) => {
    const lab = openLab(t);
    const first = await sharingSocket(lab, INADDR_ANY);
    const second = await sharingSocket(lab, INADDR_ANY);
    await lab.sys.close(second);
    await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: PORT, payload: 'survivor' }));
    expect(texts(await takeQueued(lab.sys, first))).toEqual(['survivor']);
  });

  netTest('a datagram for a port nobody holds any more is answered with port unreachable', async (t) => {
    const lab = openLab(t);
    await lab.sys.close(await lab.boundSocket(PORT));
    const changes = await lab.countersChangedBy(() => expectPortUnreachable(lab, { srcPort: PEER_PORT, dstPort: PORT, payload: 'late' }));
    expect(changes).toMatchObject({ UdpNoPorts: 1, IcmpOutDestUnreachs: 1 });
  });

  netTest("port 0 on the host's address keeps that address and picks an ephemeral port", async (t) => {
    const lab = openLab(t);
    const local = await lab.sys.getsockname(await lab.boundSocket(0, lab.stackAddress));
    expect(local.address).toBe(lab.stackAddress);
    expect(local.port).toBeGreaterThan(0);
  });

  netTest('a socket refused with EADDRINUSE can still take another port', async (t) => {
    const lab = openLab(t);
    await lab.boundSocket(PORT);
    const fd = await lab.sys.socket('udp');
    await expectErrno(lab.sys.bind(fd, { address: INADDR_ANY, port: PORT }), 'EADDRINUSE');
    await lab.sys.bind(fd, { address: INADDR_ANY, port: PORT + 1 });
    expect(await lab.sys.getsockname(fd)).toEqual({ address: INADDR_ANY, port: PORT + 1 });
  });
});
