/**
 * poll's EPOLLOUT follows the send buffer (as Linux's tcp_poll): a connection whose send buffer
 * (SO_SNDBUF) is full of unacknowledged data is not writable, a send there fails with EAGAIN,
 * and the peer's ACK that empties the buffer makes it writable again.
 */
import { EPOLLOUT } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { expectErrno } from '../../../m1-udp/tests/support/errno';
import { expectNamed } from '../support/named-check';
import { openTcpLab } from '../support/tcp-lab';

const STACK_PORT = 8080;
const PEER_PORT = 5000;
/** A send buffer of two full segments and a bit (the peer's MSS is 1460). */
const SNDBUF = 3000;

const { ACK, PSH } = TcpFlag;

describe('poll and a full send buffer', () => {
  netTest('a send buffer filled exactly to SO_SNDBUF shows no EPOLLOUT until the peer acknowledges the data', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await lab.sys.setsockopt(fd, 'SO_SNDBUF', SNDBUF);
    expectNamed('the bytes send() took', await lab.sys.send(fd, new Uint8Array(SNDBUF).fill(1)), SNDBUF);
    await conn.expect({ flags: ACK, length: 1460 });
    await conn.expect({ flags: ACK, length: 1460 });
    await conn.expect({ flags: PSH | ACK, length: SNDBUF - 2 * 1460 });
    // Nothing is acknowledged: all SO_SNDBUF bytes are still in the send buffer, which has no room.
    expectNamed('poll with the send buffer full', await lab.sys.poll(fd), 0);
    lab.sys.fcntl(fd, 'O_NONBLOCK');
    await expectErrno(lab.sys.send(fd, new Uint8Array(1)), 'EAGAIN', 'a send with the send buffer full');
    await conn.ack();
    await lab.sleep(5);
    expectNamed('poll once the peer acknowledged everything', await lab.sys.poll(fd), EPOLLOUT);
  });
});
