/**
 * The random things a link does to packets: loss, burst loss, reordering, duplication and
 * corruption, each drawn from its own seeded stream.
 *
 * Every configured impairment draws for every packet that enters the link, whatever the others
 * decided. So the packets one impairment hits depend only on its own stream and the packets'
 * positions on the link: adding loss to a link does not move its corruptions, and a test that
 * tunes one rate does not reshuffle the rest of the run.
 */
import { GilbertElliott, type GilbertElliottOptions } from './gilbert-elliott';
import type { Rng } from './rng';

/** A link's impairments; every probability is in [0, 1] and each one is off unless given. */
export interface ImpairmentOptions {
  /** Independent loss: each packet is lost with this probability. */
  readonly loss?: number;
  /** Correlated loss with the Gilbert–Elliott model (see gilbert-elliott.ts for the parameters). */
  readonly burstLoss?: GilbertElliottOptions;
  /**
   * Reordering: with `probability` a packet is held back `delayUs` longer than the others, so
   * packets sent after it within that time overtake it.
   */
  readonly reorder?: { readonly probability: number; readonly delayUs: number };
  /** Duplication: with `probability` a packet is delivered again `gapUs` (default 0) after itself. */
  readonly duplicate?: { readonly probability: number; readonly gapUs?: number };
  /**
   * Corruption: with this probability one bit of the packet is flipped, anywhere but the first byte
   * (so the version nibble still says IPv4 and capture tools still read the packet as IPv4). A
   * single flipped bit is always caught by the IPv4 header checksum or by the transport checksum
   * — unless it lands in a UDP datagram sent without a checksum.
   */
  readonly corrupt?: number;
}

/** What the impairments decided for one packet. */
export interface Verdict {
  /** Why the packet is lost, if it is. */
  readonly drop: 'loss' | 'burst loss' | undefined;
  /** Extra delay before delivery (µs), 0 unless the packet is held back for reordering. */
  readonly holdUs: number;
  /** The gap (µs) after which a copy follows the packet, or undefined for no copy. */
  readonly duplicateGapUs: number | undefined;
  /** The bit to flip, counted from the most significant bit of byte 0, or undefined. */
  readonly corruptBit: number | undefined;
}

/** The impairment processes of one link. */
export class Impairments {
  private readonly loss: { readonly p: number; readonly rng: Rng } | undefined;
  private readonly burst: GilbertElliott | undefined;
  private readonly reorder: { readonly p: number; readonly delayUs: number; readonly rng: Rng } | undefined;
  private readonly duplicate: { readonly p: number; readonly gapUs: number; readonly rng: Rng } | undefined;
  private readonly corrupt: { readonly p: number; readonly rng: Rng } | undefined;

  /** @param rng the link's stream; each impairment forks its own from it. */
  constructor(options: ImpairmentOptions, rng: Rng) {
    const { loss, burstLoss, reorder, duplicate, corrupt } = options;
    if (loss !== undefined) this.loss = { p: probability('loss', loss), rng: rng.fork('loss') };
    if (burstLoss !== undefined) {
      for (const key of ['goodToBad', 'badToGood', 'lossInBad', 'lossInGood'] as const) {
        const value = burstLoss[key];
        if (value !== undefined) probability(`burstLoss.${key}`, value);
      }
      this.burst = new GilbertElliott(burstLoss, rng.fork('burst loss'));
    }
    if (reorder !== undefined) {
      this.reorder = {
        p: probability('reorder.probability', reorder.probability),
        delayUs: microseconds('reorder.delayUs', reorder.delayUs),
        rng: rng.fork('reorder'),
      };
    }
    if (duplicate !== undefined) {
      this.duplicate = {
        p: probability('duplicate.probability', duplicate.probability),
        gapUs: microseconds('duplicate.gapUs', duplicate.gapUs ?? 0),
        rng: rng.fork('duplicate'),
      };
    }
    if (corrupt !== undefined) this.corrupt = { p: probability('corrupt', corrupt), rng: rng.fork('corrupt') };
  }

  /** Decide the fate of the next packet entering the link, `length` bytes long. */
  judge(length: number): Verdict {
    // Draw from every stream before looking at any outcome (see the file comment).
    const lost = this.loss !== undefined && this.loss.rng.next() < this.loss.p;
    const burstLost = this.burst !== undefined && this.burst.lose();
    const { reorder, duplicate, corrupt } = this;
    const held = reorder !== undefined && reorder.rng.next() < reorder.p;
    const copied = duplicate !== undefined && duplicate.rng.next() < duplicate.p;
    const flipped = corrupt !== undefined && corrupt.rng.next() < corrupt.p && length >= 2;
    return {
      drop: lost ? 'loss' : burstLost ? 'burst loss' : undefined,
      holdUs: held ? reorder.delayUs : 0,
      duplicateGapUs: copied ? duplicate.gapUs : undefined,
      corruptBit: flipped ? corrupt.rng.int(8, length * 8 - 1) : undefined,
    };
  }
}

/** A copy of `packet` with bit `bit` flipped (bit 0 = the most significant bit of byte 0). */
export function flipBit(packet: Uint8Array, bit: number): Uint8Array {
  const copy = packet.slice();
  copy[bit >> 3]! ^= 0x80 >> (bit & 7);
  return copy;
}

function probability(name: string, value: number): number {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`link impairment ${name} must be a probability in [0, 1], got ${value}`);
  return value;
}

function microseconds(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`link impairment ${name} must be whole microseconds >= 0, got ${value}`);
  return value;
}
