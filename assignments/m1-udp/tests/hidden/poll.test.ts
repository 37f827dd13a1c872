/** poll at its edges: unbound sockets, empty datagrams, errors collected by recv, and unconnected sockets. */
import { EPOLLERR, EPOLLIN, EPOLLOUT, formatEvents } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { bytesOf } from '../support/bytes';
import { expectErrno } from '../support/errno';
import { portUnreachableFor, refusedSenders, senderTo } from '../support/icmp';
import { openLab } from '../support/lab';
import { readiness } from '../support/readiness';

const STACK_PORT = 2_222;
const PEER_PORT = 3_333;

describe('poll', () => {
  netTest('an unbound UDP socket is writable', async (t) => {
    const lab = openLab(t);
    const fd = await lab.sys.socket('udp');
    expect(await readiness(lab.sys, fd)).toBe(formatEvents(EPOLLOUT));
    // The control: the mask is the socket's own. Once it has sent (and so been bound), an answer makes it readable.
    await lab.sys.sendto(fd, bytesOf('anyone?'), { address: lab.peerAddress, port: PEER_PORT });
    await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: (await lab.sys.getsockname(fd)).port, payload: 'yes' }));
    expect(await readiness(lab.sys, fd)).toBe(formatEvents(EPOLLIN | EPOLLOUT));
  });

  netTest('an empty datagram makes a socket readable', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT }));
    expect(await readiness(lab.sys, fd)).toBe(formatEvents(EPOLLIN | EPOLLOUT));
  });

  netTest('a truncating read consumes the datagram: readiness follows what is left', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'a long datagram' }));
    await lab.sys.recvfrom(fd, 1);
    expect(await readiness(lab.sys, fd)).toBe(formatEvents(EPOLLOUT));
  });

  netTest('EPOLLERR clears once recv has reported the error', async (t) => {
    const lab = openLab(t);
    const { fd, datagram } = await senderTo(lab, PEER_PORT, { connected: true });
    await lab.arrive(portUnreachableFor(lab, datagram));
    expect(await readiness(lab.sys, fd)).toBe(formatEvents(EPOLLOUT | EPOLLERR));
    await expectErrno(lab.sys.recv(fd, 10), 'ECONNREFUSED');
    expect(await readiness(lab.sys, fd)).toBe(formatEvents(EPOLLOUT));
  });

  netTest('an unconnected socket shows no EPOLLERR after a port unreachable about its datagram', async (t) => {
    const lab = openLab(t);
    const { unconnected, connected } = await refusedSenders(lab, PEER_PORT);
    expect(await readiness(lab.sys, unconnected)).toBe(formatEvents(EPOLLOUT));
    // The control: the same message about a connected socket's datagram shows as EPOLLERR there.
    expect(await readiness(lab.sys, connected)).toBe(formatEvents(EPOLLOUT | EPOLLERR));
  });

  netTest('a datagram dropped for a checksum leaves the socket unreadable', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    const datagram = { srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'bad' };
    await lab.arrive(lab.datagram({ ...datagram, checksum: 0x0bad }));
    expect(await readiness(lab.sys, fd)).toBe(formatEvents(EPOLLOUT));
    // The control: the same datagram with its checksum right makes the socket readable.
    await lab.arrive(lab.datagram(datagram));
    expect(await readiness(lab.sys, fd)).toBe(formatEvents(EPOLLIN | EPOLLOUT));
  });
});
