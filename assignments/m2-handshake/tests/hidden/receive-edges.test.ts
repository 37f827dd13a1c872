/**
 * What the receiver does with a segment's text and FIN at the edges (RFC 9293 §3.10.7.4, "seventh"
 * and "eighth"): a FIN after a gap does not end the stream; text after the peer's FIN is ignored;
 * shutdown(SHUT_RD) alone does not refuse data in ESTABLISHED, but data arriving when the program
 * has shut down both directions resets the connection (RST, ECONNRESET), as on Linux. And recv
 * of 0 bytes returns at once, as on Linux.
 */
import { errnoNumber } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import { expectNamed } from '../support/named-check';
import { stackSegment } from '../support/stack-segment';
import { openTcpLab, REPLY_MS } from '../support/tcp-lab';
import { readExactly, stateOf } from '../support/tcp-sockets';

const STACK_PORT = 8080;
const PEER_PORT = 5000;

const { ACK, PSH, FIN, RST } = TcpFlag;

const DATA = new Uint8Array([1, 2, 3, 4, 5]);

describe('received text and FIN at the edges', () => {
  netTest('a FIN after a gap does not end the stream: the connection stays ESTABLISHED until the missing data and the FIN arrive in order', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    // The peer's five bytes before it (seq 1..5) are "lost".
    await conn.send({ flags: FIN | ACK, seq: 1 + DATA.length });
    // An ACK of RCV.NXT may answer it or not (RFC 9293 leaves it open); take it if it comes.
    await lab.net.peer.next(REPLY_MS);
    expectNamed('the state after a FIN beyond RCV.NXT', await stateOf(lab.sys, fd), 'ESTABLISHED');
    await conn.send({ flags: FIN | PSH | ACK, data: DATA });
    await conn.expect({ flags: ACK, ack: 1 + DATA.length + 1 });
    expectNamed('the state after the data and the FIN in order', await stateOf(lab.sys, fd), 'CLOSE_WAIT');
    expectNamed('the bytes read before end of file', [...(await readExactly(lab.sys, fd, 100))], [...DATA]);
  });

  netTest('text after the peer’s FIN is ignored in CLOSE_WAIT: no RST, the state stays, and the close goes on as usual', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await conn.fin();
    await conn.expect({ flags: ACK });
    // A broken peer sends data beyond its own FIN: RFC 9293 says to ignore the segment text.
    await conn.push(DATA);
    const answer = await lab.net.peer.next(REPLY_MS);
    if (answer) expectNamed('the RST bit of the stack’s answer', stackSegment(answer, 'an answer').header.flags & RST, 0);
    expectNamed('the state after text beyond the FIN', await stateOf(lab.sys, fd), 'CLOSE_WAIT');
    expectNamed('what recv returns (end of file)', (await lab.sys.recv(fd, 100)).length, 0);
    await lab.sys.close(fd);
    await conn.expect({ flags: FIN | ACK, seq: 1, ack: 2 });
  });

  netTest('after shutdown(SHUT_RD) in ESTABLISHED, arriving data is still acknowledged and the connection stays ESTABLISHED', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await lab.sys.shutdown(fd, 'rd');
    await conn.push(DATA);
    await conn.expect({ flags: ACK, ack: 1 + DATA.length });
    expectNamed('the state after data following shutdown(SHUT_RD)', await stateOf(lab.sys, fd), 'ESTABLISHED');
  });

  netTest('after shutdown(SHUT_RDWR), data from the peer is answered with RST and the connection fails with ECONNRESET', async (t) => {
    const lab = openTcpLab(t);
    const { conn, fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    await lab.sys.shutdown(fd, 'rdwr');
    await conn.expect({ flags: FIN | ACK, seq: 1 });
    // The data acknowledges the FIN too: its RST takes that ACK number as its sequence number.
    await conn.push(DATA);
    await conn.expect({ flags: RST, seq: 2 });
    expectNamed('the state after the reset', await stateOf(lab.sys, fd), 'CLOSED');
    expectNamed('SO_ERROR after the reset', await lab.sys.getsockopt(fd, 'SO_ERROR'), errnoNumber('ECONNRESET'));
  });

  netTest('recv of 0 bytes returns an empty result at once, also with nothing queued (as on Linux, not EAGAIN)', async (t) => {
    const lab = openTcpLab(t);
    const { fd } = await lab.accepted(STACK_PORT, PEER_PORT);
    lab.sys.fcntl(fd, 'O_NONBLOCK');
    expectNamed('the bytes recv(fd, 0) returned', (await lab.sys.recv(fd, 0)).length, 0);
    expectNamed('the state after recv(fd, 0)', await stateOf(lab.sys, fd), 'ESTABLISHED');
  });
});
