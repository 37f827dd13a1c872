/** Ephemeral ports: what a socket gets when it asks for port 0, or sends before binding. */
import { EPHEMERAL_PORT_MAX, EPHEMERAL_PORT_MIN, INADDR_ANY } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { bytesOf } from '../support/bytes';
import { openLab } from '../support/lab';
import { EphemeralPortRule, expectPortsByRule, kernelRandom, portAfter, seedStartingAtOrAbove, startPort } from '../support/ephemeral';
import { derivedSeed } from '../support/seeded';
import { expectSentDatagram } from '../support/sent-datagram';

/** Where t.stackAndPeer puts the stack: a seed for its network is chosen before the network is built. */
const STACK_ADDRESS = '10.0.0.1';

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

  netTest('the search starts at 49152 + ⌊r × 16384⌋ for the next r = env.random(): ten binds to port 0 get the ports the seed gives', async (t) => {
    const lab = openLab(t);
    const rule = new EphemeralPortRule(kernelRandom(t.seed, lab.stackAddress));
    const chosen: number[] = [];
    for (let i = 0; i < 10; i++) {
      rule.next();
      chosen.push((await lab.sys.getsockname(await lab.boundSocket(0))).port);
    }
    expectPortsByRule('ten binds to port 0', chosen, rule);
  });

  netTest('a network with the same seed hands out the same ports to the same calls', async (t) => {
    const seed = derivedSeed(t.seed, 'same seed');
    const portsOf = async (): Promise<number[]> => {
      const lab = openLab(t, { seed });
      const ports: number[] = [];
      for (let i = 0; i < 5; i++) ports.push((await lab.sys.getsockname(await lab.boundSocket(0))).port);
      return ports;
    };
    const [first, second] = [await portsOf(), await portsOf()];
    if (!first.every(inEphemeralRange)) throw new Error(`bind to port 0 gave ${first.join(', ')}: each must be a port in ${EPHEMERAL_PORT_MIN}–${EPHEMERAL_PORT_MAX}`);
    if (second.join() !== first.join()) {
      throw new Error(`the same seed (${seed}) gave ports ${first.join(', ')} and then ${second.join(', ')}: draw from env.random(), which the harness seeds, and from nothing else`);
    }
  });

  netTest('when sockets hold the start port and the two after it, the search walks up to the third port after it', async (t) => {
    const lab = openLab(t);
    const start = startPort(kernelRandom(t.seed, lab.stackAddress)());
    const rule = new EphemeralPortRule(kernelRandom(t.seed, lab.stackAddress));
    for (const port of [start, portAfter(start, 1), portAfter(start, 2)]) {
      rule.hold(port);
      await lab.boundSocket(port);
    }
    rule.next();
    expectPortsByRule(`bind to port 0 with ports ${start} to ${portAfter(start, 2)} held`, [(await lab.sys.getsockname(await lab.boundSocket(0))).port], rule);
  });

  netTest('when sockets hold every port from the start up to 65535, and 49152, the search wraps around and takes 49153', async (t) => {
    // A seed whose first search starts at one of the top 32 ports, so that few sockets fill the rest.
    const seed = seedStartingAtOrAbove(t.seed, STACK_ADDRESS, EPHEMERAL_PORT_MAX - 31);
    const lab = openLab(t, { seed });
    const rule = new EphemeralPortRule(kernelRandom(seed, lab.stackAddress));
    const start = startPort(kernelRandom(seed, lab.stackAddress)());
    for (const port of [...Array.from({ length: EPHEMERAL_PORT_MAX + 1 - start }, (_, i) => start + i), EPHEMERAL_PORT_MIN]) {
      rule.hold(port);
      await lab.boundSocket(port);
    }
    rule.next();
    expectPortsByRule(`bind to port 0 with ports ${start} to 65535 and 49152 held`, [(await lab.sys.getsockname(await lab.boundSocket(0))).port], rule);
  });
});
