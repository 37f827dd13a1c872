import type { CreateKernel, KernelEnv } from '../../contract';
import { createToyKernel, TOY_FD } from '../../testing/toy-kernel';
import { tickTimeUs, type Host } from '../host';
import { defaultPortFactory } from '../../port/port-factory';
import type { PortRequest } from '../topology';
import { twoHosts, type TwoHostsOptions } from '../two-hosts';

/**
 * The toy kernel (raw datagrams, no IP), with one byte of its `random()` appended to each packet it
 * sends, so that a trace also shows whether each kernel's random stream is reproduced.
 */
const toyWithRandom: CreateKernel = (env: KernelEnv) =>
  createToyKernel({ ...env, transmit: (packet) => env.transmit(Uint8Array.of(...packet, Math.floor(env.random() * 256))) });

const IMPAIRED: TwoHostsOptions['link'] = {
  rateBps: 10e6,
  delayUs: 2_000,
  queue: { packets: 8 },
  impairments: {
    loss: 0.05,
    burstLoss: { goodToBad: 0.02, badToGood: 0.3 },
    reorder: { probability: 0.1, delayUs: 700 },
    duplicate: { probability: 0.05, gapUs: 10 },
    corrupt: 0.05,
  },
};

/** Both hosts send 300 datagrams to each other, in bursts of 10 that overflow the queue; returns the trace as text lines. */
async function exchange(seed: number) {
  const net = twoHosts({ seed, a: { createKernel: toyWithRandom }, b: { createKernel: toyWithRandom }, link: IMPAIRED });
  const send = (from: Host, to: Host, i: number) =>
    from.syscall('sendto', TOY_FD, new Uint8Array(200).fill(i & 0xff), { address: to.address, port: 7 });
  net.links.ab.dropNth(5);
  net.links.ba.dropNth(7);
  await net.a.syscall('socket', 'udp');
  await net.b.syscall('socket', 'udp');
  for (let i = 0; i < 300; i++) {
    await send(net.a, net.b, i);
    await send(net.b, net.a, i);
    if (i % 10 === 9) await net.sim.sleep(2);
  }
  await net.sim.drain();
  const lines = net.trace.events.map(
    (e) => `${e.timeUs} ${e.link} ${e.kind}${e.kind === 'drop' ? ` ${e.reason}` : ''} #${e.index} ${Buffer.from(e.packet).toString('hex')}`,
  );
  return { net, lines };
}

describe('two hosts', () => {
  it('the same seed gives the same trace, byte for byte; another seed a different one', async () => {
    const first = await exchange(42);
    const again = await exchange(42);
    const other = await exchange(43);
    expect(again.lines).toEqual(first.lines);
    expect(other.lines).not.toEqual(first.lines);
    // The run exercised every impairment, or the comparison would prove little.
    const { ab, ba } = first.net.links;
    for (const counters of [ab.counters(), ba.counters()]) {
      expect(counters.sent).toBe(300);
      const dropped = Object.values(counters.dropped).reduce((x, y) => x + y, 0);
      expect(counters.delivered - counters.duplicated + dropped).toBe(counters.sent);
      for (const value of [counters.duplicated, counters.corrupted, counters.reordered, ...Object.values(counters.dropped)]) {
        expect(value).toBeGreaterThan(0);
      }
    }
  });

  it('each kernel\'s random() is its own stream, drawn anew on each call', async () => {
    const { net } = await exchange(7);
    const lastBytes = (link: string) =>
      new Set(net.trace.events.filter((e) => e.kind === 'send' && e.link === link).map((e) => e.packet[e.packet.length - 1]));
    expect(lastBytes('a→b').size).toBeGreaterThan(100);
    expect([...lastBytes('a→b')].slice(0, 20)).not.toEqual([...lastBytes('b→a')].slice(0, 20));
  });

  it('the trace gives the packets hosts sent, and those they received, in time order', async () => {
    const { net } = await exchange(3);
    const { trace } = net;
    const sent = trace.events.filter((e) => e.kind === 'send');
    const delivered = trace.events.filter((e) => e.kind === 'deliver');
    expect(trace.packets()).toEqual(sent.map((e) => ({ ...e })));
    expect(trace.packets('send').map((p) => p.packet)).toEqual(sent.map((e) => e.packet));
    expect(trace.packets('deliver').map((p) => p.packet)).toEqual(delivered.map((e) => e.packet));
    const times = trace.events.map((e) => e.timeUs);
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });

  it('takes names, addresses, MTU, per-direction links and a port factory', async () => {
    const requests: Omit<PortRequest, 'random' | 'createKernel' | 'seed'>[] = [];
    const net = twoHosts({
      seed: 1,
      mtu: 576,
      a: { createKernel: createToyKernel, name: 'client', address: '192.168.1.10' },
      b: { createKernel: createToyKernel, name: 'server', address: '192.168.1.20' },
      link: { delayUs: 5_000 },
      ba: { delayUs: 7_000 },
      portFactory: (host) => {
        requests.push({ name: host.name, address: host.address, mtu: host.mtu });
        return defaultPortFactory()(host);
      },
    });
    expect(requests).toEqual([
      { name: 'client', address: '192.168.1.10', mtu: 576 },
      { name: 'server', address: '192.168.1.20', mtu: 576 },
    ]);
    expect([net.links.ab.name, net.links.ba.name]).toEqual(['client→server', 'server→client']);
    await net.a.syscall('socket', 'udp');
    await net.b.syscall('socket', 'udp');
    await net.a.syscall('sendto', TOY_FD, Uint8Array.of(1), { address: net.b.address, port: 7 });
    await net.b.syscall('sendto', TOY_FD, Uint8Array.of(2), { address: net.a.address, port: 7 });
    await net.sim.drain();
    expect(net.trace.packets('deliver').map((p) => p.timeUs)).toEqual([5_000, 7_000]);
  });

  it('ticks a kernel once, when now() has reached a deadline a hair above a whole µs', async () => {
    // 438.76800000000003 ms times 1000 is exactly 438768 in floating point, whose now() is below it.
    const deadlineMs = 438.76800000000003;
    expect(tickTimeUs(deadlineMs)).toBe(438_769);
    expect(tickTimeUs(438.768)).toBe(438_768);
    expect(tickTimeUs(0.1 + 0.2)).toBe(301);
    const net = twoHosts({ seed: 1, a: { createKernel: (env) => createToyKernel(env, deadlineMs) }, b: { createKernel: createToyKernel } });
    await net.a.syscall('socket', 'udp');
    await net.a.syscall('sendto', TOY_FD, Uint8Array.of(9), { address: net.a.address, port: 0 });
    await net.sim.drain();
    expect(net.sim.nowUs).toBe(438_769);
    expect((await net.a.syscall('recvfrom', TOY_FD, 10)).data).toEqual(Uint8Array.of(9));
  });
});
