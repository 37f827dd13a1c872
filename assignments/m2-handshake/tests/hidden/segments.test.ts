/**
 * Random segments the stack must survive: any flags, options, data offsets and lengths, for a
 * port nobody holds and for an open connection (at sequence numbers outside its window, so that
 * none may change it). receive() must never throw (the given kernel would count a throw in
 * IpInDiscards), and the connection must go on working.
 */
import { netTest } from '../../../../harness/testkit';
import { TcpFlag } from '../../../../harness/wire';
import type { Rng } from '../../../../harness/sim/rng';
import { bytesOf, randomBytes } from '../../../m1-udp/tests/support/bytes';
import { rngFor } from '../../../m1-udp/tests/support/seeded';
import { patchTcp, truncatedTcp } from '../support/crafted';
import type { PeerConnection } from '../support/peer-connection';
import { openTcpLab } from '../support/tcp-lab';
import { listenOn } from '../support/tcp-sockets';

const STACK_PORT = 7000;
const CLOSED_PORT = 7001;
const PEER_PORT = 45000;
const SEGMENTS = 600;

const { PSH, ACK } = TcpFlag;

/** A random segment on `conn`'s ports: random flags and options, a sequence number half the space away from the peer's. */
function randomSegment(rng: Rng, conn: PeerConnection): Uint8Array {
  const built = conn.build({
    flags: rng.int(0, 0xff),
    seq: (conn.sndNxt + 0x80000000 + rng.int(0, 0x3fffffff)) >>> 0,
    window: rng.int(0, 0xffff),
    data: randomBytes(rng, rng.int(0, 40)),
  });
  switch (rng.int(0, 3)) {
    case 0:
      return built;
    case 1: // random bytes where the options would be, with a data offset to match
      return patchTcp(built, (segment) => {
        const words = rng.int(5, Math.min(15, Math.floor(segment.length / 4)));
        segment[12] = words << 4;
        segment.set(randomBytes(rng, words * 4 - 20), 20);
      });
    case 2: // a data offset anywhere, within the segment or beyond it
      return patchTcp(built, (segment) => void (segment[12] = rng.int(0, 15) << 4));
    default: // cut short, below a header's length
      return truncatedTcp(built, rng.int(0, 19));
  }
}

describe('random segments', () => {
  netTest(`${SEGMENTS} of them, for a closed port and for an open connection: receive never throws, and the connection still works`, async (t) => {
    const lab = openTcpLab(t);
    const rng = rngFor(t.seed, 'random segments');
    const listener = await listenOn(lab.sys, STACK_PORT);
    const conn = lab.connection(PEER_PORT, STACK_PORT);
    await conn.open();
    const { fd } = await lab.sys.accept(listener);
    const stranger = lab.connection(PEER_PORT + 1, CLOSED_PORT);
    for (let i = 0; i < SEGMENTS; i++) {
      await lab.send(randomSegment(rng, i % 2 === 0 ? conn : stranger));
      await lab.sleep(1);
    }
    await lab.sleep(10);
    expect((await lab.sys.counters()).IpInDiscards).toBe(0);
    expect(await lab.sys.tcpInfo(fd)).toMatchObject({ state: 'ESTABLISHED' });
    while (lab.net.peer.pending > 0) await lab.next();
    await conn.push(bytesOf('still there?'));
    await conn.expect({ flags: ACK });
    expect(new TextDecoder().decode(await lab.sys.recv(fd, 100))).toBe('still there?');
    await lab.sys.send(fd, bytesOf('yes'));
    await conn.expect({ flags: PSH | ACK, data: bytesOf('yes') });
  });
});
