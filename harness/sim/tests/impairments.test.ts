/**
 * Each impairment's observed rate over 100,000 packets, within ±4 standard deviations of what it
 * is set to (so a fixed seed never flakes), and outside the bounds of a rate set 15% off (so the
 * test can fail).
 */
import { buildTcp, buildUdp, checksumProblems, decodePacket, TcpFlag } from '../../wire';
import { badStateProbability, meanLossRate, type GilbertElliottOptions } from '../gilbert-elliott';
import { Link } from '../link';
import { Simulator } from '../simulator';
import { around, binomial, expectRate, numberOf, pump, record, sink } from './helpers';
import type { ImpairmentOptions } from '../impairments';

const N = 100_000;
const SPACING_US = 10;

function impairedLink(impairments: ImpairmentOptions, seed = 1) {
  const sim = new Simulator({ seed });
  const out = sink(sim);
  const link = new Link(sim, 'impaired', out, { delayUs: 1_000, impairments });
  return { sim, link, out, events: record(link) };
}

/** Bounds for a rate `p` set 15% too low and 15% too high. */
function misSet(n: number, p: number) {
  return [binomial(n, p * 0.85), binomial(n, p * 1.15)];
}

describe('link impairments: observed rates', () => {
  it('independent loss drops the set fraction, and every packet is accounted for', async () => {
    const p = 0.05;
    const { sim, link, out } = impairedLink({ loss: p });
    await pump(sim, link, N, SPACING_US);
    const counters = link.counters();
    expectRate(counters.dropped.loss, binomial(N, p), misSet(N, p));
    expect(out.arrivals.length).toBe(N - counters.dropped.loss);
    expect(counters).toMatchObject({ sent: N, delivered: out.arrivals.length });
  });

  describe('burst loss (Gilbert–Elliott)', () => {
    it('loses the stationary bad-state probability times the loss in the bad state', async () => {
      const model: GilbertElliottOptions = { goodToBad: 0.01, badToGood: 0.25, lossInBad: 0.5 };
      const { sim, link } = impairedLink({ burstLoss: model });
      await pump(sim, link, N, SPACING_US);
      const lost = link.counters().dropped['burst loss'];
      const rate = meanLossRate(model);
      expect(rate).toBeCloseTo((0.01 / 0.26) * 0.5, 12);
      // Losses are correlated, so the binomial variance is too small: this is the variance of a
      // loss indicator driven by a two-state chain whose second eigenvalue is 1 - p - r.
      const pi = badStateProbability(model);
      const h = 0.5;
      const lambda = 1 - model.goodToBad - model.badToGood;
      const variance = rate * (1 - rate) + (2 * h * h * pi * (1 - pi) * lambda) / (1 - lambda);
      const bounds = (r: number) => around(N * r, Math.sqrt(N * variance));
      // A model that forgot lossInBad (rate = pi) or lost in bursts twice as long must fail.
      expectRate(lost, bounds(rate), [bounds(pi), bounds(meanLossRate({ ...model, badToGood: 0.125 }))]);
    });

    it('loses in bursts of mean length 1 / badToGood', async () => {
      const model: GilbertElliottOptions = { goodToBad: 0.01, badToGood: 0.25 };
      const { sim, link, events } = impairedLink({ burstLoss: model });
      await pump(sim, link, N, SPACING_US);
      const bursts = burstLengths(events.filter((e) => e.kind === 'drop').map((e) => e.index));
      const mean = bursts.reduce((a, b) => a + b, 0) / bursts.length;
      // Bad-state sojourns are geometric: mean 1/r, variance (1-r)/r^2.
      const bounds = (r: number) => around(1 / r, Math.sqrt((1 - r) / (r * r) / bursts.length));
      expectRate(mean, bounds(0.25), [bounds(0.25 * 1.15), bounds(0.25 * 0.85)]);
    });
  });

  it('reordering holds back the set fraction, and later packets overtake each one', async () => {
    const p = 0.05;
    // Held 100 µs at one packet per 10 µs: the next ~9 packets overtake a held one.
    const { sim, link, out } = impairedLink({ reorder: { probability: p, delayUs: 100 } });
    await pump(sim, link, N, SPACING_US);
    let highest = -1;
    let overtaken = 0;
    for (const { packet } of out.arrivals) {
      const i = numberOf(packet);
      if (i < highest) overtaken++;
      highest = Math.max(highest, i);
    }
    expectRate(overtaken, binomial(N, p), misSet(N, p));
    expect(link.counters().reordered).toBe(overtaken);
    expect(out.arrivals.length).toBe(N);
  });

  it('duplication delivers the set fraction twice, the copy gapUs after the original', async () => {
    const p = 0.05;
    const { sim, link, events } = impairedLink({ duplicate: { probability: p, gapUs: 3 } });
    await pump(sim, link, N, SPACING_US);
    const delivered = events.filter((e) => e.kind === 'deliver');
    const copies = delivered.length - N;
    expectRate(copies, binomial(N, p), misSet(N, p));
    expect(link.counters()).toMatchObject({ duplicated: copies, delivered: delivered.length });
    const firstSeen = new Map<number, { timeUs: number; packet: Uint8Array }>();
    const copiesUnlikeOriginal = delivered.filter((event) => {
      const original = firstSeen.get(event.index);
      if (!original) firstSeen.set(event.index, event);
      return original && (event.timeUs - original.timeUs !== 3 || !Buffer.from(event.packet).equals(original.packet));
    });
    expect(copiesUnlikeOriginal).toEqual([]);
  });

  describe('corruption', () => {
    const packets = [
      buildTcp({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 40000, dstPort: 80, flags: TcpFlag.ACK, seq: 1, ack: 1, payload: new Uint8Array(1000).fill(7) }),
      buildTcp({ src: '10.0.0.2', dst: '10.0.0.1', srcPort: 80, dstPort: 40000, flags: TcpFlag.ACK, seq: 1, ack: 1001 }),
      buildUdp({ src: '10.0.0.1', dst: '10.0.0.2', srcPort: 5000, dstPort: 7, payload: new TextEncoder().encode('42 C') }),
    ];
    const packetOf = (i: number): Uint8Array => packets[i % packets.length]!;

    it('flips one bit after the first byte of the set fraction, and a checksum catches every one', async () => {
      const p = 0.05;
      const { sim, link, events } = impairedLink({ corrupt: p });
      await pump(sim, link, N, SPACING_US, packetOf);
      let corrupted = 0;
      let inIpHeader = 0;
      let inIpHeaderExpected = 0;
      for (const event of events) {
        if (event.kind !== 'deliver') continue;
        const sent = packetOf(event.index);
        const bits = differingBits(sent, event.packet);
        if (bits.length === 0) continue;
        corrupted++;
        expect(bits).toHaveLength(1);
        expect(bits[0]).toBeGreaterThanOrEqual(8);
        expect(problems(event.packet)).not.toEqual([]);
        // The bit is uniform over the packet after byte 0: the IPv4 header's share is 19 of length-1 bytes.
        if (bits[0]! < 160) inIpHeader++;
        inIpHeaderExpected += 19 / (sent.length - 1);
      }
      expectRate(corrupted, binomial(N, p), misSet(N, p));
      expect(link.counters().corrupted).toBe(corrupted);
      const share = inIpHeaderExpected / corrupted;
      expectRate(inIpHeader, binomial(corrupted, share), misSet(corrupted, share));
      // The link flipped bits in copies: the packets it was given are untouched.
      expect(packets.map(problems)).toEqual([[], [], []]);
    });

    it('hits the same packets whether or not other impairments are on', async () => {
      const run = async (impairments: ImpairmentOptions) => {
        const { sim, link, events } = impairedLink(impairments);
        await pump(sim, link, 10_000, SPACING_US, packetOf);
        const corrupted = new Set<number>();
        const dropped = new Set<number>();
        for (const e of events) {
          if (e.kind === 'drop') dropped.add(e.index);
          if (e.kind === 'deliver' && differingBits(packetOf(e.index), e.packet).length > 0) corrupted.add(e.index);
        }
        return { corrupted: [...corrupted], dropped };
      };
      const alone = await run({ corrupt: 0.05 });
      const withOthers = await run({ corrupt: 0.05, loss: 0.3, reorder: { probability: 0.1, delayUs: 50 }, duplicate: { probability: 0.1 } });
      expect(withOthers.dropped.size).toBeGreaterThan(2_000);
      expect(withOthers.corrupted.sort((a, b) => a - b)).toEqual(alone.corrupted.filter((i) => !withOthers.dropped.has(i)));
    });
  });
});

/** What is wrong with a packet's checksums (or why it does not decode); empty when nothing is. */
function problems(packet: Uint8Array): string[] {
  const decoded = decodePacket(packet);
  return decoded.ok ? checksumProblems(decoded.value) : [decoded.reason];
}

/** Lengths of the runs of consecutive numbers in an ascending list. */
function burstLengths(indices: readonly number[]): number[] {
  const runs: number[] = [];
  let previous = -2;
  for (const i of indices) {
    if (i === previous + 1) runs[runs.length - 1]!++;
    else runs.push(1);
    previous = i;
  }
  return runs;
}

/** The positions (bit 0 = most significant bit of byte 0) where two equally long arrays differ. */
function differingBits(a: Uint8Array, b: Uint8Array): number[] {
  if (Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b)) return []; // the common case, natively
  const bits: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i]! ^ b[i]!;
    for (let bit = 0; bit < 8; bit++) if (x & (0x80 >> bit)) bits.push(i * 8 + bit);
  }
  return bits;
}
