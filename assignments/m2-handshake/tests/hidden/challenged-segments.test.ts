/**
 * Segments the stack must not process past their first checks (RFC 5961 §3.2, §4.2: after the
 * challenge ACK "drop the segment and stop processing"): a RST in the window off RCV.NXT
 * and a SYN in ESTABLISHED; and an out-of-window segment (RFC 9293 §3.10.7.4: ACK it, drop it),
 * which must leave no trace, not even a close timer; and a segment with the ACK bit off (RFC 9293
 * §3.10.7.4: "if the ACK bit is off, drop the segment"), whatever its ack field holds.
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { expectErrno } from '../../../m1-udp/tests/support/errno';
import { patchTcp } from '../support/crafted';
import { expectNamed } from '../support/named-check';
import { openTcpLab } from '../support/tcp-lab';
import { stateOf } from '../support/tcp-sockets';

const STACK_PORT = 8787;
const PEER_PORT = 45700;
/** Far beyond the stack's receive window (at most 65535). */
const BEYOND_WINDOW = 100_000;

const { SYN, ACK, PSH, FIN, RST } = TcpFlag;

describe('segments dropped after their first checks', () => {
  netTest('an in-window RST off RCV.NXT that acknowledges our FIN gets a challenge ACK, and its ACK is not taken: FIN_WAIT_1 stays', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await lab.sys.shutdown(fd, 'wr');
    await conn.expect({ flags: FIN | ACK, seq: 1 });
    await conn.send({ flags: RST | ACK, seq: conn.sndNxt + 100, ack: 2 });
    await conn.expect({ flags: ACK, seq: 2, ack: conn.sndNxt });
    expectNamed('the state after the challenged RST', await stateOf(lab.sys, fd), 'FIN_WAIT_1');
  });

  netTest('a SYN with data at RCV.NXT in ESTABLISHED gets a challenge ACK, and its data is not taken', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await conn.send({ flags: SYN | PSH | ACK, seq: conn.sndNxt, data: new Uint8Array(10).fill(7) });
    await conn.expect({ flags: ACK, seq: 1, ack: conn.sndNxt });
    await lab.quiet(100, 'the SYN was dropped after its challenge ACK');
    lab.sys.fcntl(fd, 'O_NONBLOCK');
    await expectErrno(lab.sys.recv(fd, 100), 'EAGAIN', 'recv after the SYN with data');
  });

  netTest('an out-of-window FIN in ESTABLISHED is acknowledged, and the connection lives on past 60 s', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await conn.send({ flags: FIN | ACK, seq: conn.sndNxt + BEYOND_WINDOW });
    await conn.expect({ flags: ACK, seq: 1, ack: conn.sndNxt });
    // Only a FIN in TIME_WAIT (re)starts a close timer; this one must start nothing.
    await lab.sleep(61_000);
    expectNamed('the state 61 s after the out-of-window FIN', await stateOf(lab.sys, fd), 'ESTABLISHED');
    await conn.push(new Uint8Array(5).fill(1));
    await conn.expect({ flags: ACK, seq: 1 });
  });

  netTest('out-of-window ACKs without data get one ACK per 500 ms, not one each', async (t) => {
    const lab = openTcpLab(t);
    const { conn } = await lab.accepted(STACK_PORT, PEER_PORT);
    await conn.send({ flags: ACK, seq: conn.sndNxt + BEYOND_WINDOW });
    await conn.expect({ flags: ACK, seq: 1, ack: conn.sndNxt });
    await conn.send({ flags: ACK, seq: conn.sndNxt + BEYOND_WINDOW });
    await lab.quiet(100, 'an ACK for an out-of-window segment without data went out less than 500 ms ago');
  });

  netTest('data without the ACK bit in ESTABLISHED is dropped without an answer, even when its ack field holds SND.NXT', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    // Built with ACK, so that its ack field is SND.NXT; then the ACK bit (and only it) taken off.
    const withoutAck = (packet: Uint8Array): Uint8Array => patchTcp(packet, (segment) => void (segment[13] = PSH));
    await conn.send({ flags: PSH | ACK, seq: 1, data: new Uint8Array(5).fill(7) }, withoutAck);
    await lab.quiet(300, 'a segment without ACK is dropped, not acknowledged');
    lab.sys.fcntl(fd, 'O_NONBLOCK');
    await expectErrno(lab.sys.recv(fd, 100), 'EAGAIN', 'recv after the segment without ACK');
    // RCV.NXT did not move: other data at the same sequence number is taken.
    await conn.send({ flags: PSH | ACK, seq: 1, data: new Uint8Array(3).fill(9) });
    await conn.expect({ flags: ACK, seq: 1, ack: 4 });
    expectNamed('the bytes read', [...(await lab.sys.recv(fd, 100))], [9, 9, 9]);
  });
});
