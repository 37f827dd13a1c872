/** Ephemeral ports under pressure: the whole range taken, and the last free ports found wherever the search starts. */
import { EPHEMERAL_PORT_MAX, EPHEMERAL_PORT_MIN, INADDR_ANY } from '../../../../harness/contract';
import { netTest } from '../../../../harness/testkit';
import { bytesOf } from '../support/bytes';
import { expectErrno } from '../support/errno';
import { openLab } from '../support/lab';
import { EphemeralPortRule, expectPortsByRule, kernelRandom, portAfter, startPort } from '../support/ephemeral';
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

  netTest('the search tries every port of the range: when the only free one is just below the start, it wraps round to it', async (t) => {
    const lab = openLab(t);
    // The stack's first draw, read from a copy of its env.random() stream.
    const free = portAfter(startPort(kernelRandom(t.seed, lab.stackAddress)()), -1);
    const taken = Array.from({ length: RANGE }, (_, i) => EPHEMERAL_PORT_MIN + i).filter((port) => port !== free);
    await Promise.all(taken.map((port) => lab.boundSocket(port)));
    expect((await lab.sys.getsockname(await lab.boundSocket(0))).port).toBe(free);
  });

  netTest('a bind to port 0 refused with EADDRNOTAVAIL draws nothing: the next bind to port 0 gets the first draw\'s port', async (t) => {
    const lab = openLab(t);
    const first = startPort(kernelRandom(t.seed, lab.stackAddress)());
    const fd = await lab.sys.socket('udp');
    await expectErrno(lab.sys.bind(fd, { address: '10.0.0.99', port: 0 }), 'EADDRNOTAVAIL', "bind to port 0 on another host's address");
    await lab.sys.bind(fd, { address: INADDR_ANY, port: 0 });
    expect((await lab.sys.getsockname(fd)).port).toBe(first);
  });

  netTest('a port its socket has closed is free to the ephemeral search again: a twin network whose holder of it closed picks it too', async (t) => {
    const seed = derivedSeed(t.seed, 'twin networks');
    const first = openLab(t, { seed });
    const wouldPick = (await first.sys.getsockname(await first.boundSocket(0))).port;
    expect(wouldPick >= EPHEMERAL_PORT_MIN && wouldPick <= EPHEMERAL_PORT_MAX).toBe(true);
    // The same seed draws the same start, so the twin's search begins at the port its closed socket held.
    const twin = openLab(t, { seed });
    await twin.sys.close(await twin.boundSocket(wouldPick));
    expect((await twin.sys.getsockname(await twin.boundSocket(0))).port).toBe(wouldPick);
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

  netTest('an unbound sendto and an unbound connect each take the next draw of env.random(), as bind to port 0 does', async (t) => {
    const lab = openLab(t);
    const rule = new EphemeralPortRule(kernelRandom(t.seed, lab.stackAddress));
    const chosen: number[] = [];
    for (const call of ['sendto', 'connect', 'bind', 'sendto', 'connect', 'bind'] as const) {
      rule.next();
      const fd = await lab.sys.socket('udp');
      if (call === 'bind') await lab.sys.bind(fd, { address: INADDR_ANY, port: 0 });
      if (call === 'connect') await lab.sys.connect(fd, { address: lab.peerAddress, port: 7 });
      if (call === 'sendto') {
        await lab.sys.sendto(fd, bytesOf('hi'), { address: lab.peerAddress, port: 7 });
        // The datagram leaves from the port getsockname shows, checked below against the rule.
        expectSentDatagram(await lab.peer.next(), { srcPort: (await lab.sys.getsockname(fd)).port, dstPort: 7 });
      }
      chosen.push((await lab.sys.getsockname(fd)).port);
    }
    expectPortsByRule('sendto, connect, bind to port 0, sendto, connect, bind to port 0 on unbound sockets', chosen, rule);
  });

  netTest('with a run of held ports after each start, every choice walks up past its run to the first free port', async (t) => {
    const lab = openLab(t);
    const rng = rngFor(t.seed, 'runs');
    const choices = 20;
    // The starts the stack will draw, read from a second copy of its env.random() stream.
    const peek = kernelRandom(t.seed, lab.stackAddress);
    const held = new Set<number>();
    for (let i = 0; i < choices; i++) {
      const start = startPort(peek());
      const run = rng.int(1, 40);
      for (let step = 0; step < run; step++) held.add(portAfter(start, step));
    }
    const rule = new EphemeralPortRule(kernelRandom(t.seed, lab.stackAddress));
    for (const port of held) rule.hold(port);
    await Promise.all([...held].map((port) => lab.boundSocket(port)));
    const chosen: number[] = [];
    for (let i = 0; i < choices; i++) {
      rule.next();
      chosen.push((await lab.sys.getsockname(await lab.boundSocket(0))).port);
    }
    expectPortsByRule(`${choices} binds to port 0 with ${held.size} ports held in runs from the starts`, chosen, rule);
  });
});
