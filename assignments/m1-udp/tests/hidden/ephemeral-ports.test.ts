/** Ephemeral ports under pressure: the whole range taken, and the last free ports found wherever the search starts. */
import { EPHEMERAL_PORT_MAX, EPHEMERAL_PORT_MIN } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { bytesOf } from '../support/bytes';
import { expectErrno } from '../support/errno';
import { openLab } from '../support/lab';
import { derivedSeed, rngFor } from '../support/seeded';
import { expectSentDatagram } from '../support/sent-datagram';

const RANGE = EPHEMERAL_PORT_MAX - EPHEMERAL_PORT_MIN + 1;

describe('ephemeral ports', () => {
  netTest('all 16,384 ports of the range can be handed out, and then bind to port 0 fails with EADDRINUSE', async (t) => {
    const lab = openLab(t);
    // Made together, the calls travel to an isolated kernel in a few batches instead of 50,000 round trips.
    const fds = await Promise.all(Array.from({ length: RANGE }, () => lab.boundSocket(0)));
    const ports = new Set((await Promise.all(fds.map((fd) => lab.sys.getsockname(fd)))).map((name) => name.port));
    expect(ports.size).toBe(RANGE);
    expect([Math.min(...ports), Math.max(...ports)]).toEqual([EPHEMERAL_PORT_MIN, EPHEMERAL_PORT_MAX]);
    await expectErrno(lab.boundSocket(0), 'EADDRINUSE', 'bind to port 0 with every ephemeral port taken');
  });

  netTest('with all but three ports of the range held, unbound senders get exactly those three', async (t) => {
    const lab = openLab(t);
    const rng = rngFor(t.seed, 'free ports');
    const free = new Set<number>();
    while (free.size < 3) free.add(rng.int(EPHEMERAL_PORT_MIN, EPHEMERAL_PORT_MAX));
    const taken = Array.from({ length: RANGE }, (_, i) => EPHEMERAL_PORT_MIN + i).filter((port) => !free.has(port));
    await Promise.all(taken.map((port) => lab.boundSocket(port)));
    const chosen: number[] = [];
    for (let i = 0; i < 3; i++) {
      const fd = await lab.sys.socket('udp');
      await lab.sys.sendto(fd, bytesOf('hi'), { address: lab.peerAddress, port: 7 });
      chosen.push(expectSentDatagram(await lab.peer.next(), { dstPort: 7 }).udp.header.srcPort);
    }
    expect(chosen.sort((x, y) => x - y)).toEqual([...free].sort((x, y) => x - y));
  });

  netTest('connect on an unbound socket picks an ephemeral port no other socket holds', async (t) => {
    const seed = derivedSeed(t.seed, 'twin networks');
    const first = openLab(t, { seed });
    const fd = await first.sys.socket('udp');
    await first.sys.connect(fd, { address: first.peerAddress, port: 7 });
    const wouldPick = (await first.sys.getsockname(fd)).port;
    const twin = openLab(t, { seed });
    await twin.boundSocket(wouldPick);
    const twinFd = await twin.sys.socket('udp');
    await twin.sys.connect(twinFd, { address: twin.peerAddress, port: 7 });
    const picked = (await twin.sys.getsockname(twinFd)).port;
    expect(picked).not.toBe(wouldPick);
    expect(picked >= EPHEMERAL_PORT_MIN && picked <= EPHEMERAL_PORT_MAX).toBe(true);
  });

  netTest('the first ports of twenty seeds are spread over the range, not clustered at its start', async (t) => {
    const ports: number[] = [];
    for (let run = 0; run < 20; run++) {
      const lab = openLab(t, { seed: derivedSeed(t.seed, `run ${run}`) });
      ports.push((await lab.sys.getsockname(await lab.boundSocket(0))).port);
    }
    expect(new Set(ports).size).toBeGreaterThan(15);
    expect(ports.some((port) => port > EPHEMERAL_PORT_MIN + RANGE / 2)).toBe(true);
  });
});
