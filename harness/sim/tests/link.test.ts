import { buildTcp, TcpFlag } from '../../wire';
import { Link, type LinkOptions } from '../link';
import { ipv4Protocol, isTcpData } from '../peek';
import { Simulator } from '../simulator';
import { stackAndPeer } from '../stack-and-peer';
import type { CreateKernel } from '../../contract';
import { createToyKernel } from '../../testing/toy-kernel';
import { numbered, record, sink } from './helpers';

/** A link into a recording sink, and its events. */
function setup(options: LinkOptions) {
  const sim = new Simulator({ seed: 1 });
  const out = sink(sim);
  const link = new Link(sim, 'l', out, options);
  return { sim, link, out, events: record(link) };
}

/** Run `send` at `atUs` and then everything that follows. */
async function at(sim: Simulator, atUs: number, send: () => void): Promise<void> {
  sim.at(atUs, 'test send', send);
  await sim.drain();
}

const summary = (events: ReturnType<typeof record>) =>
  events.map((e) => `${e.timeUs} ${e.kind}${e.kind === 'drop' ? ` (${e.reason})` : ''} #${e.index}`);

describe('link: rate, delay and queue', () => {
  it('serializes at the rate and delivers after the propagation delay, exactly in µs', async () => {
    // 8 Mbit/s = one byte per µs: a 1000-byte packet takes 1000 µs to send.
    const { sim, link, out } = setup({ rateBps: 8e6, delayUs: 500 });
    const packet = new Uint8Array(1000);
    await at(sim, 0, () => [1, 2, 3].forEach(() => link.deliver(packet)));
    await at(sim, 5_000, () => link.deliver(packet)); // the link is idle again by then
    expect(out.arrivals.map((a) => a.timeUs)).toEqual([1_500, 2_500, 3_500, 6_500]);
  });

  it('adds up sub-microsecond serialization times exactly and rounds arrivals up', async () => {
    // 64 bytes at 1 Gbit/s take 0.512 µs: the k-th packet's last bit leaves at 0.512·k µs.
    const { sim, link, out } = setup({ rateBps: 1e9 });
    await at(sim, 0, () => {
      for (let k = 0; k < 10; k++) link.deliver(new Uint8Array(64));
    });
    expect(out.arrivals.map((a) => a.timeUs)).toEqual([1, 2, 2, 3, 3, 4, 4, 5, 5, 6]);
  });

  it('an infinitely fast link delivers after the delay alone, in order, and never queues', async () => {
    const { sim, link, out } = setup({ delayUs: 250, queue: { packets: 0 } });
    await at(sim, 100, () => [0, 1, 2].forEach((i) => link.deliver(numbered(i))));
    expect(out.arrivals.map((a) => [a.timeUs, a.packet[7]])).toEqual([[350, 0], [350, 1], [350, 2]]);
  });

  it('drop-tail: a packet that finds the queue full (in packets) is dropped; the one in service does not count', async () => {
    const { sim, link, events } = setup({ rateBps: 8e6, queue: { packets: 2 } });
    const packet = new Uint8Array(1000);
    sim.at(0, 'burst', () => [0, 1, 2, 3, 4].forEach(() => link.deliver(packet)));
    // At 1000 µs packet #1 starts: #2 waits alone, so there is room again.
    sim.at(1_000, 'one more', () => link.deliver(packet));
    await sim.drain();
    expect(summary(events)).toEqual([
      '0 send #0', '0 send #1', '0 send #2',
      '0 send #3', '0 drop (queue full) #3',
      '0 send #4', '0 drop (queue full) #4',
      '1000 send #5', '1000 deliver #0',
      '2000 deliver #1', '3000 deliver #2', '4000 deliver #5',
    ]);
    expect(link.counters().dropped['queue full']).toBe(2);
  });

  it('drop-tail: the queue can be bounded in bytes', async () => {
    const { sim, link } = setup({ rateBps: 8e6, queue: { bytes: 2_500 } });
    await at(sim, 0, () => [0, 1, 2, 3].forEach(() => link.deliver(new Uint8Array(1000))));
    // #0 in service, #1 and #2 queued (2000 bytes); #3 would make 3000.
    expect(link.counters()).toMatchObject({ sent: 4, delivered: 3, dropped: { 'queue full': 1 } });
  });
});

describe('link: scripted drops', () => {
  const segment = (seq: number, bytes: number, flags: number = TcpFlag.ACK) =>
    buildTcp({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 40000, dstPort: 80, flags, seq, ack: 1, payload: new Uint8Array(bytes) });

  it('dropNth drops only the nth packet a predicate matches: the 3rd data segment', async () => {
    const { sim, link, events } = setup({});
    const stream = [segment(0, 0, TcpFlag.SYN), segment(1, 100), segment(101, 0), segment(101, 100), segment(201, 100), segment(301, 100)];
    link.dropNth(3, isTcpData);
    await at(sim, 0, () => stream.forEach((packet) => link.deliver(packet)));
    expect(events.filter((e) => e.kind === 'drop').map((e) => [e.index, e.kind === 'drop' && e.reason])).toEqual([[4, 'scripted']]);
  });

  it('dropWhere drops every match until removed, and sees each packet\'s index', async () => {
    const { sim, link } = setup({});
    const remove = link.dropWhere((packet, index) => ipv4Protocol(packet) === 6 && index % 2 === 0);
    await at(sim, 0, () => [0, 1, 2, 3].forEach((i) => link.deliver(segment(i, 10))));
    remove();
    await at(sim, 10, () => link.deliver(segment(4, 10)));
    expect(link.counters()).toMatchObject({ sent: 5, delivered: 3, dropped: { scripted: 2 } });
  });

  it('dropNth without a predicate counts every packet, and refuses n < 1', () => {
    const { link } = setup({});
    link.dropNth(2);
    [0, 1, 2].forEach((i) => link.deliver(numbered(i)));
    expect(link.counters().dropped.scripted).toBe(1);
    expect(() => link.dropNth(0)).toThrow('dropNth counts from 1, got 0');
  });
});

describe('link: ownership of packets and validation', () => {
  it('lets no kernel in this process change a packet for anyone else: not the trace, not its duplicate', async () => {
    const seen: number[][] = [];
    const scribbler: CreateKernel = (env) => ({
      ...createToyKernel(env),
      receive(packet: Uint8Array) {
        seen.push([...packet]);
        packet.fill(0xff);
      },
    });
    const { sim, peer, trace } = stackAndPeer({ seed: 1, stack: { createKernel: scribbler }, link: { impairments: { duplicate: { probability: 1 } } } });
    const packet = numbered(7);
    const original = [...packet];
    await peer.send(packet);
    await sim.sleep(50);
    expect(seen).toEqual([original, original]);
    expect(trace.events.map((event) => [...event.packet])).toEqual([original, original, original]);
    expect([...packet]).toEqual(original);
  });

  it('refuses impossible options', () => {
    const sim = new Simulator({ seed: 1 });
    const make = (options: LinkOptions) => () => new Link(sim, 'bad', { deliver: () => undefined }, options);
    expect(make({ rateBps: 0 })).toThrow('link bad: rateBps must be positive, got 0');
    expect(make({ delayUs: 1.5 })).toThrow('link bad: delayUs must be whole microseconds >= 0, got 1.5');
    expect(make({ queue: { packets: -1 } })).toThrow('link bad: queue bounds must be >= 0');
    expect(make({ impairments: { loss: 1.2 } })).toThrow('link impairment loss must be a probability in [0, 1], got 1.2');
    expect(make({ impairments: { burstLoss: { goodToBad: 0.1, badToGood: NaN } } })).toThrow('burstLoss.badToGood');
    expect(make({ impairments: { reorder: { probability: 0.1, delayUs: -1 } } })).toThrow('reorder.delayUs');
  });

  it('a tap can be removed', () => {
    const { link } = setup({});
    const seen: string[] = [];
    const untap = link.tap((e) => void seen.push(e.kind));
    link.deliver(numbered(0));
    untap();
    link.deliver(numbered(1));
    expect(seen).toEqual(['send']);
  });
});
