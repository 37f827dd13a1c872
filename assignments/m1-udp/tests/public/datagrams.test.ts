/** sendto and recvfrom: one datagram per call, boundaries kept, cut to the buffer when it is short. */
import { INADDR_ANY } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { bytesOf } from '../support/bytes';
import { expectErrno } from '../support/errno';
import { openLab } from '../support/lab';
import { takeQueued, texts } from '../support/queue';
import { expectSentDatagram } from '../support/sent-datagram';

const STACK_PORT = 7000;
const PEER_PORT = 5000;

describe('sendto and recvfrom', () => {
  netTest('sendto returns the payload length and sends exactly one datagram carrying it', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    expect(await lab.sys.sendto(fd, bytesOf('one datagram'), { address: lab.peerAddress, port: PEER_PORT })).toBe(12);
    expectSentDatagram(await lab.peer.next(), { srcPort: STACK_PORT, dstPort: PEER_PORT, payload: 'one datagram' });
    expect(lab.peer.pending).toBe(0);
  });

  netTest('each recvfrom returns one whole datagram, however large the buffer: boundaries are kept', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.arrive(...['first', 'second', 'third'].map((payload) => lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload })));
    expect(texts(await takeQueued(lab.sys, fd, 1000))).toEqual(['first', 'second', 'third']);
  });

  netTest('a datagram longer than the buffer is cut to it, flagged truncated and the rest discarded; the next, an exact fit for its buffer, is not truncated', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.arrive(
      lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'hello, world' }),
      lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'next' }),
    );
    expect(await lab.sys.recvfrom(fd, 5)).toEqual({ data: bytesOf('hello'), from: { address: lab.peerAddress, port: PEER_PORT }, truncated: true });
    expect(await lab.sys.recvfrom(fd, 4)).toEqual({ data: bytesOf('next'), from: { address: lab.peerAddress, port: PEER_PORT }, truncated: false });
  });

  netTest('recvfrom reports the address and port each datagram came from', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.arrive(
      lab.datagram({ srcPort: 5001, dstPort: STACK_PORT, payload: 'a' }),
      lab.datagram({ src: '10.0.0.3', srcPort: 5002, dstPort: STACK_PORT, payload: 'b' }),
    );
    const senders = (await takeQueued(lab.sys, fd)).map((result) => result.from);
    expect(senders).toEqual([
      { address: lab.peerAddress, port: 5001 },
      { address: '10.0.0.3', port: 5002 },
    ]);
  });

  netTest('recvfrom waits for a datagram; on a nonblocking socket it fails with EAGAIN instead', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    lab.sys.fcntl(fd, 'O_NONBLOCK');
    await expectErrno(lab.sys.recvfrom(fd, 100), 'EAGAIN', 'a nonblocking recvfrom on an empty queue');
    lab.sys.fcntl(fd, 'O_NONBLOCK', false);
    const waiting = lab.sys.recvfrom(fd, 100);
    await lab.sys.sleep(50);
    await lab.peer.send(lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'worth the wait' }));
    expect((await waiting).data).toEqual(bytesOf('worth the wait'));
  });

  netTest('recv on a UDP socket returns the payload of the next datagram', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'via recv' }));
    expect(await lab.sys.recv(fd, 100)).toEqual(bytesOf('via recv'));
  });

  netTest('recvfrom with a negative or fractional buffer size fails with EINVAL', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await lab.arrive(lab.datagram({ srcPort: PEER_PORT, dstPort: STACK_PORT, payload: 'kept' }));
    await expectErrno(lab.sys.recvfrom(fd, -1), 'EINVAL', 'recvfrom(fd, -1)');
    await expectErrno(lab.sys.recvfrom(fd, 2.5), 'EINVAL', 'recvfrom(fd, 2.5)');
    expect(texts(await takeQueued(lab.sys, fd))).toEqual(['kept']);
  });

  netTest('sendto to 0.0.0.0 or to port 0 fails with EINVAL and sends nothing', async (t) => {
    const lab = openLab(t);
    const fd = await lab.boundSocket(STACK_PORT);
    await expectErrno(lab.sys.sendto(fd, bytesOf('x'), { address: INADDR_ANY, port: PEER_PORT }), 'EINVAL', 'sendto 0.0.0.0');
    await expectErrno(lab.sys.sendto(fd, bytesOf('x'), { address: lab.peerAddress, port: 0 }), 'EINVAL', 'sendto port 0');
    await lab.sys.sleep(10);
    expect(lab.peer.pending).toBe(0);
    // The control: the same socket does send to an address that is one.
    await lab.sys.sendto(fd, bytesOf('y'), { address: lab.peerAddress, port: PEER_PORT });
    expectSentDatagram(await lab.peer.next(), { srcPort: STACK_PORT, dstPort: PEER_PORT, payload: 'y' });
  });
});
