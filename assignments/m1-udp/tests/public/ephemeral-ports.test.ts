/** Ephemeral ports: what a socket gets when it asks for port 0, or sends before binding. */
import { EPHEMERAL_PORT_MAX, EPHEMERAL_PORT_MIN, INADDR_ANY } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { bytesOf } from '../support/bytes';
import { openLab } from '../support/lab';
import { derivedSeed } from '../support/seeded';
import { expectSentDatagram } from '../support/sent-datagram';

const inEphemeralRange = (port: number): boolean => port >= EPHEMERAL_PORT_MIN && port <= EPHEMERAL_PORT_MAX;

describe('ephemeral ports', () => {
  netTest('bind to port 0 picks a port in 49152–65535, a different one for each socket', async (t) => {
    const lab = openLab(t);
    const ports: number[] = [];
    for (let i = 0; i < 50; i++) ports.push((await lab.sys.getsockname(await lab.boundSocket(0))).port);
    expect(ports.filter((port) => !inEphemeralRange(port))).toEqual([]);
    expect(new Set(ports).size).toBe(ports.length);
  });

  netTest('sendto from an unbound socket binds it to an ephemeral port, and the datagram comes from that port', async (t) => {
    const lab = openLab(t);
    const fd = await lab.sys.socket('udp');
    await lab.sys.sendto(fd, bytesOf('hello'), { address: lab.peerAddress, port: 5000 });
    const local = await lab.sys.getsockname(fd);
    expect(local.address).toBe(INADDR_ANY);
    expect(inEphemeralRange(local.port)).toBe(true);
    expectSentDatagram(await lab.peer.next(), { srcPort: local.port, dstPort: 5000, payload: 'hello' });
  });

  netTest('the search for an ephemeral port starts at a random port: other seeds, other first ports', async (t) => {
    const firstPorts = new Set<number>();
    for (let run = 0; run < 6; run++) {
      const lab = openLab(t, { seed: derivedSeed(t.seed, `run ${run}`) });
      firstPorts.add((await lab.sys.getsockname(await lab.boundSocket(0))).port);
    }
    expect(firstPorts.size).toBeGreaterThan(1);
  });

  netTest('the ephemeral port chosen is never one a socket already holds', async (t) => {
    const seed = derivedSeed(t.seed, 'twin networks');
    const first = openLab(t, { seed });
    const wouldPick = (await first.sys.getsockname(await first.boundSocket(0))).port;
    // A network with the same seed draws the same random start, and finds that port taken.
    const twin = openLab(t, { seed });
    await twin.boundSocket(wouldPick);
    const picked = (await twin.sys.getsockname(await twin.boundSocket(0))).port;
    expect(picked).not.toBe(wouldPick);
    expect(inEphemeralRange(picked)).toBe(true);
  });
});
