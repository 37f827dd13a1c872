import { isSocketError, SocketError, type Kernel, type KernelEnv } from '../../contract';
import { LocalPort } from '../../port';
import { Host } from '../../sim/host';
import { runSeed } from '../../sim/rng';
import { Simulator } from '../../sim/simulator';
import { createToyKernel, TOY_FD } from '../../testing/toy-kernel';
import { Sys } from '../sys';

const WIRE_DELAY_US = 2_000;
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (data: Uint8Array): string => new TextDecoder().decode(data);

/** Two toy hosts joined by a wire with a fixed delay, each with its own process view. */
function pair(seed = runSeed(), maxCallsPerInstant?: number) {
  const sim = new Simulator({ seed, maxCallsPerInstant });
  const host = (name: string, address: string): Host =>
    new Host(sim, name, address, new LocalPort((env) => createToyKernel(env), { address, mtu: 1500, random: () => sim.rng.next() }));
  const a = host('a', '10.0.0.1');
  const b = host('b', '10.0.0.2');
  const wire = (to: Host) => ({ deliver: (packet: Uint8Array) => void sim.after(WIRE_DELAY_US, 'wire', () => to.deliver(packet)) });
  a.attach(wire(b));
  b.attach(wire(a));
  return { sim, a: new Sys(a), b: new Sys(b) };
}

describe('runtime: blocking calls on virtual time', () => {
  it('a blocking recv sleeps until the datagram arrives, then wakes at its arrival time', async () => {
    const { sim, a, b } = pair();
    await a.socket('udp');
    await b.socket('udp');
    const reader = b.recv(TOY_FD, 100);
    await a.sendto(TOY_FD, bytes('42 C'), { address: '10.0.0.2', port: 7 });
    expect(text(await reader)).toBe('42 C');
    expect(sim.nowUs).toBe(WIRE_DELAY_US);
  });

  it('a blocking recv is woken by the kernel\'s own timer (tick)', async () => {
    const { sim, a } = pair();
    await a.socket('udp');
    await a.sendto(TOY_FD, bytes('later'), { address: '0.0.0.0', port: 0 });
    expect(text(await a.recv(TOY_FD, 100))).toBe('later');
    expect(sim.nowUs).toBe(5_000);
  });

  it('two programs wait at once, and both are served', async () => {
    const { a, b } = pair();
    await a.socket('udp');
    await b.socket('udp');
    const [fromA, fromB] = await Promise.all([
      a.recv(TOY_FD, 100),
      b.recv(TOY_FD, 100),
      (async () => {
        await a.sendto(TOY_FD, bytes('to b'), { address: '10.0.0.2', port: 7 });
        await b.sendto(TOY_FD, bytes('to a'), { address: '10.0.0.1', port: 7 });
      })(),
    ]);
    expect([text(fromA), text(fromB)]).toEqual(['to a', 'to b']);
  });

  it('a nonblocking recv throws EAGAIN instead of waiting', async () => {
    const { sim, a } = pair();
    await a.socket('udp');
    a.fcntl(TOY_FD, 'O_NONBLOCK');
    await expect(a.recv(TOY_FD, 100)).rejects.toMatchObject({ name: 'SocketError', errno: 'EAGAIN' });
    expect(sim.nowUs).toBe(0);
  });

  it('a recv that nothing can satisfy fails at once with the deadlock message', async () => {
    const { sim, a } = pair(77);
    await a.socket('udp');
    await expect(a.recv(TOY_FD, 100)).rejects.toThrow(
      'deadlock: recv(fd 3, 100) on a waits, but no packet or timer is pending (t=0.000 ms, seed 77)',
    );
    expect(sim.eventCount).toBe(0);
  });

  it('every waiter of a deadlock is named', async () => {
    const { a, b } = pair(1);
    await a.socket('udp');
    await b.socket('udp');
    const results = await Promise.allSettled([a.recv(TOY_FD, 1), b.recvfrom(TOY_FD, 2)]);
    const messages = results.map((r) => (r.status === 'rejected' ? String(r.reason.message) : 'fulfilled'));
    expect(messages[0]).toContain('recv(fd 3, 1) on a and recvfrom(fd 3, 2) on b wait');
    // Each waiter tells what its own kernel saw, after what they all share.
    const shared = 'deadlock: recv(fd 3, 1) on a and recvfrom(fd 3, 2) on b wait, but no packet or timer is pending (t=0.000 ms, seed 1); ';
    expect(messages).toEqual([
      `${shared}since the wait began (t=0.000 ms), a's kernel received no packet and dropped none`,
      `${shared}since the wait began (t=0.000 ms), b's kernel received no packet and dropped none`,
    ]);
  });

  it('two programs waiting on one host do not wake each other with their failed attempts: they are served, or deadlock', async () => {
    // Were each failed attempt news to the other program, they would call forever at one instant.
    const { a, b } = pair(3, 10_000);
    await a.socket('udp');
    await b.socket('udp');
    const served = await Promise.all([a.recv(TOY_FD, 100), a.recv(TOY_FD, 100), b.sendto(TOY_FD, bytes('one'), { address: '10.0.0.1', port: 7 }), b.sendto(TOY_FD, bytes('two'), { address: '10.0.0.1', port: 7 })]);
    expect(served.slice(0, 2).map((data) => text(data as Uint8Array)).sort()).toEqual(['one', 'two']);
    const waiting = await Promise.allSettled([a.recv(TOY_FD, 1), a.recvfrom(TOY_FD, 2)]);
    expect(waiting.map((r) => (r.status === 'rejected' ? String(r.reason.message) : 'fulfilled'))).toEqual([
      expect.stringContaining('deadlock: recv(fd 3, 1) on a and recvfrom(fd 3, 2) on a wait'),
      expect.stringContaining('deadlock: recv(fd 3, 1) on a and recvfrom(fd 3, 2) on a wait'),
    ]);
  });

  it('a program that calls without ever waiting fails the run as a livelock, instead of holding time still forever', async () => {
    const { a } = pair(4, 10_000);
    await a.socket('udp');
    a.fcntl(TOY_FD, 'O_NONBLOCK');
    const spin = async (): Promise<never> => {
      for (;;) await a.recv(TOY_FD, 1).catch((error: unknown) => {
        if (!isSocketError(error, 'EAGAIN')) throw error;
      });
    };
    await expect(spin()).rejects.toThrow(`livelock: the programs on a made 10000 calls at t=0.000 ms without ever waiting, so time could not move (seed 4)`);
  });

  /** Two toy hosts after a sends b a datagram b's kernel drops, 10 ms ago. */
  async function afterADrop() {
    const { a, b } = pair(5);
    await a.socket('udp');
    await b.socket('udp');
    await a.sendto(TOY_FD, bytes('drop'), { address: '10.0.0.2', port: 7 });
    await b.sleep(10);
    return { a, b };
  }

  it('a deadlock names what the kernel dropped since the wait began, by its counters', async () => {
    // The drop before the wait is not counted in it.
    const { a, b } = await afterADrop();
    const reader = b.recv(TOY_FD, 100);
    await a.sleep(1);
    await a.sendto(TOY_FD, bytes('drop'), { address: '10.0.0.2', port: 7 });
    await expect(reader).rejects.toThrow(
      'deadlock: recv(fd 3, 100) on b waits, but no packet or timer is pending (t=13.000 ms, seed 5); ' +
        "since the wait began (t=10.000 ms), b's kernel received 1 packet and dropped UdpInCsumErrors +1 (UDP checksum did not verify)",
    );
  });

  it('a deadlock that dropped nothing while it waited names what was dropped before: the packet a test let arrive, then read', async () => {
    const { b } = await afterADrop();
    await expect(b.recv(TOY_FD, 100)).rejects.toThrow(
      'deadlock: recv(fd 3, 100) on b waits, but no packet or timer is pending (t=10.000 ms, seed 5); ' +
        "since the wait began (t=10.000 ms), b's kernel received no packet and dropped none; before it, it had dropped UdpInCsumErrors 1 (UDP checksum did not verify)",
    );
  });

  it('a kernel whose counters cannot be read still gets its deadlock, told without them', async () => {
    const sim = new Simulator({ seed: 9 });
    const kernel = (env: Parameters<typeof createToyKernel>[0]) => ({ ...createToyKernel(env), counters: () => { throw new Error('not implemented'); } });
    const sys = new Sys(new Host(sim, 'a', '10.0.0.1', new LocalPort(kernel, { address: '10.0.0.1', mtu: 1500, random: () => sim.rng.next() })));
    await sys.socket('udp');
    await expect(sys.recv(TOY_FD, 100)).rejects.toThrow(/^deadlock: recv\(fd 3, 100\) on a waits, but no packet or timer is pending \(t=0\.000 ms, seed 9\)$/);
  });

  /**
   * One toy host whose kernel counts its send and recv calls, and has a send buffer: `send` takes
   * at most 3 bytes a call, of 8 bytes of room, which empty (into `drained`) 1 ms later.
   */
  function sendingHost() {
    const sim = new Simulator({ seed: 6 });
    const calls = { send: 0, recv: 0 };
    const drained: number[] = [];
    const kernel = (env: KernelEnv): Kernel => {
      const toy = createToyKernel(env);
      const draining: { at: number; bytes: Uint8Array }[] = [];
      let room = 8;
      return {
        ...toy,
        send(fd, data) {
          calls.send++;
          toy.poll(fd);
          const taken = Math.min(room, 3, data.length);
          if (taken === 0) throw new SocketError('EAGAIN');
          room -= taken;
          draining.push({ at: env.now() + 1, bytes: data.slice(0, taken) });
          return taken;
        },
        recv(fd, max) {
          calls.recv++;
          return toy.recv(fd, max);
        },
        nextDeadline: () => Math.min(toy.nextDeadline() ?? Infinity, draining[0]?.at ?? Infinity),
        tick() {
          toy.tick();
          for (; draining[0] && draining[0].at <= env.now(); draining.shift()) {
            room += draining[0].bytes.length;
            drained.push(...draining[0].bytes);
          }
        },
      };
    };
    const port = new LocalPort(kernel, { address: '10.0.0.1', mtu: 1500, random: () => sim.rng.next() });
    const requests = jest.spyOn(port, 'repeatSend');
    return { sim, sys: new Sys(new Host(sim, 'a', '10.0.0.1', port)), calls, drained, requests };
  }

  it('a blocking send takes what fits, sleeps while the buffer is full, and asks the kernel once each time it wakes', async () => {
    const { sim, sys, calls, drained, requests } = sendingHost();
    await sys.socket('udp');
    const data = Uint8Array.from({ length: 20 }, (_, i) => i);
    expect(await sys.send(TOY_FD, data)).toBe(20);
    await sim.drain();
    expect(drained).toEqual([...data]);
    // 8 bytes at 0 ms, 8 more at 1 ms once the first have drained, the last 4 at 2 ms, drained at 3 ms.
    expect(sim.nowUs).toBe(3_000);
    // 3 + 3 + 2 bytes and a call that found the buffer full, twice, then 3 + 1: ten calls, in three requests.
    expect(calls.send).toBe(10);
    expect(requests).toHaveBeenCalledTimes(3);
  });

  it('reads that only report (counters, tcpInfo, getsockname) wake no program: a blocked recv is not tried again for them', async () => {
    const { sim, sys, calls } = sendingHost();
    await sys.socket('udp');
    const reader = sys.recv(TOY_FD, 100);
    for (let i = 0; i < 50; i++) await sys.counters();
    // A loopback datagram, 5 ms later: the sendto wakes the reader once, the arrival once more.
    await sys.sendto(TOY_FD, bytes('back'), { address: '0.0.0.0', port: 0 });
    expect(text(await reader)).toBe('back');
    expect(sim.nowUs).toBe(5_000);
    expect(calls.recv).toBe(3);
  });

  it('errors other than EAGAIN come back to the program as they are', async () => {
    const { a } = pair();
    await expect(a.recv(9, 1)).rejects.toEqual(new SocketError('EBADF'));
  });

  it('sleep moves virtual time', async () => {
    const { sim, a } = pair();
    await a.sleep(1500);
    expect(sim.nowUs).toBe(1_500_000);
  });

  it('a kernel that throws from receive() stops the run with the reason, and waiters fail', async () => {
    const { a, b } = pair();
    await a.socket('udp');
    await b.socket('udp');
    const reader = b.recv(TOY_FD, 100);
    await a.sendto(TOY_FD, bytes('throw'), { address: '10.0.0.2', port: 7 });
    await expect(reader).rejects.toThrow(
      'the stack under test threw TypeError: the toy kernel was told to throw in receive() on b (receive() and tick() must never throw)',
    );
    await expect(b.recv(TOY_FD, 100)).rejects.toThrow('the toy kernel was told to throw');
  });
});
