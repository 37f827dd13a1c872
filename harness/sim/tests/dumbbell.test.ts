import { SocketError } from '../../contract';
import { createToyKernel, TOY_FD } from '../../testing/toy-kernel';
import { buildUdp } from '../../wire';
import { dumbbell } from '../dumbbell';
import type { Host } from '../host';
import { Router } from '../router';
import { sink } from './helpers';
import { Simulator } from '../simulator';

const toy = { createKernel: createToyKernel };

/** What the toy kernel puts on the wire for a `sendto` of `payload` (from its port 7). */
function onTheWire(from: Host, to: Host, payload: Uint8Array): Uint8Array {
  return buildUdp({ src: from.address, dst: to.address, srcPort: 7, dstPort: 7, payload });
}

async function open(...hosts: Host[]): Promise<void> {
  for (const host of hosts) await host.syscall('socket', 'udp');
}

describe('dumbbell', () => {
  it('names and addresses hosts per side', () => {
    const net = dumbbell({ seed: 1, left: [toy, toy], right: [toy, { ...toy, name: 'server' }] });
    expect(net.left.map((h) => `${h.name} ${h.address}`)).toEqual(['left1 10.0.1.1', 'left2 10.0.1.2']);
    expect(net.right.map((h) => `${h.name} ${h.address}`)).toEqual(['right1 10.0.2.1', 'server 10.0.2.2']);
    expect(net.links.bottleneck.forward.name).toBe('left-router→right-router');
    expect(net.links.right[1]!.toHost.name).toBe('right-router→server');
  });

  it('a packet from a left host reaches its right host through the bottleneck, and no other host', async () => {
    const net = dumbbell({
      seed: 1,
      left: [toy, toy],
      right: [toy, toy],
      access: { rateBps: Infinity, delayUs: 1_000 },
      bottleneck: { rateBps: 8e6, delayUs: 20_000 },
    });
    const [left1, left2] = net.left as [Host, Host];
    const [right1, right2] = net.right as [Host, Host];
    await open(left1, left2, right1, right2);
    const payload = new Uint8Array(100);
    const packet = onTheWire(left1, right2, payload);
    await left1.syscall('sendto', TOY_FD, payload, { address: right2.address, port: 7 });
    await net.sim.drain();

    const got = await right2.syscall('recvfrom', TOY_FD, 2_000);
    expect(got.data).toEqual(payload);
    for (const other of [right1, left2]) await expect(other.syscall('recvfrom', TOY_FD, 2_000)).rejects.toThrow(SocketError);
    // 1 ms access + 128 bytes at 1 byte/µs + 20 ms bottleneck + 1 ms access.
    expect(net.trace.events.map((e) => `${e.timeUs} ${e.link} ${e.kind}`)).toEqual([
      '0 left1→left-router send',
      '1000 left1→left-router deliver',
      '1000 left-router→right-router send',
      '21128 left-router→right-router deliver',
      '21128 right-router→right2 send',
      '22128 right-router→right2 deliver',
    ]);
    // Captured once where the host sent it and once where the host received it.
    expect(net.trace.packets('send')).toEqual([expect.objectContaining({ timeUs: 0, packet })]);
    expect(net.trace.packets('deliver')).toEqual([expect.objectContaining({ timeUs: 22_128, packet })]);
    expect(net.routers.left.counters()).toEqual({ forwarded: 1, unroutable: 0 });
  });

  it('replies travel back over the reverse bottleneck', async () => {
    const net = dumbbell({ seed: 1, left: [toy], right: [toy], bottleneckReverse: { delayUs: 3_000 } });
    const [left1] = net.left as [Host];
    const [right1] = net.right as [Host];
    await open(left1, right1);
    await right1.syscall('sendto', TOY_FD, new Uint8Array(100), { address: left1.address, port: 7 });
    await net.sim.drain();
    expect((await left1.syscall('recvfrom', TOY_FD, 2_000)).data).toHaveLength(100);
    expect(net.links.bottleneck.reverse.counters().delivered).toBe(1);
    expect(net.links.bottleneck.forward.counters().sent).toBe(0);
  });

  it('competing senders overflow the bottleneck queue, and only there', async () => {
    const net = dumbbell({ seed: 1, left: [toy, toy], right: [toy], bottleneck: { queue: { packets: 20 } } });
    const [left1, left2] = net.left as [Host, Host];
    const [right1] = net.right as [Host];
    await open(left1, left2, right1);
    for (let i = 0; i < 30; i++) {
      for (const sender of [left1, left2]) {
        await sender.syscall('sendto', TOY_FD, new Uint8Array(1_000), { address: right1.address, port: 7 });
      }
    }
    await net.sim.drain();
    const forward = net.links.bottleneck.forward.counters();
    // The 60 packets reach the router within 250 µs, less than one packet's 822 µs at 10 Mbit/s:
    // one is sent, 20 wait, 39 find the queue full.
    expect(forward.dropped['queue full']).toBe(39);
    expect(forward.delivered + forward.dropped['queue full']).toBe(60);
    expect(net.links.left.map((l) => l.fromHost.counters().delivered)).toEqual([30, 30]);
  });
});

describe('router', () => {
  it('drops and counts packets for unknown destinations and packets that are not IPv4', () => {
    const sim = new Simulator({ seed: 1 });
    const out = sink(sim);
    const router = new Router('r');
    router.route('10.0.0.2', out);
    router.deliver(buildUdp({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 1, dstPort: 2 }));
    router.deliver(buildUdp({ src: '10.0.0.1', dst: '10.0.0.3', srcPort: 1, dstPort: 2 }));
    router.deliver(Uint8Array.of(1, 2, 3));
    expect(out.arrivals).toHaveLength(1);
    expect(router.counters()).toEqual({ forwarded: 1, unroutable: 2 });
    expect(() => router.route('10.0.0.256', out)).toThrow(RangeError);
  });
});
