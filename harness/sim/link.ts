/**
 * A one-directional link: a drop-tail queue in front of a transmitter of a given rate, a
 * propagation delay, and seeded impairments (impairments.ts) and scripted drops (scripted-drops.ts).
 *
 * A packet that enters at time t
 * 1. is dropped at t if a scripted drop, loss or burst loss takes it (decided as it enters, as
 *    Linux's netem does), or if it would have to wait and the queue is full;
 * 2. else waits until the transmitter is free, and is serialized in `bytes * 8 / rateBps` seconds;
 * 3. arrives `delayUs` (plus the reordering hold, if any) after its last bit left, and is handed to
 *    the sink — with one bit flipped if it was corrupted, and once more if it was duplicated.
 *
 * The queue holds the packets waiting for the transmitter; the one being serialized is no longer
 * in it (as in ns-2). So a link with `queue: { packets: 10 }` takes a burst of 11 packets.
 *
 * Every packet's fate is reported to the link's taps (link-events.ts). The sink gets its own
 * copy of each packet: a kernel owns the array it receives, and may change it, while traces keep
 * the link's.
 */
import type { PacketSink } from './packet-sink';
import type { Simulator } from './simulator';
import { flipBit, Impairments, type ImpairmentOptions } from './impairments';
import { nth, ScriptedDrops, type PacketPredicate } from './scripted-drops';
import { zeroLinkCounters, type DropReason, type LinkCounters, type LinkEvent, type LinkListener } from './link-events';

/** How a link behaves. Every field is optional: the default link is instant and perfect. */
export interface LinkOptions {
  /** Transmission rate in bits per second (default `Infinity`: no serialization delay). */
  readonly rateBps?: number;
  /** Propagation delay in whole microseconds (default 0). */
  readonly delayUs?: number;
  /**
   * Bounds of the drop-tail queue, in packets and/or bytes (default: unbounded). A packet that
   * finds the transmitter busy and the queue full is dropped ('queue full').
   */
  readonly queue?: { readonly packets?: number; readonly bytes?: number };
  /** Seeded random impairments (default: none). */
  readonly impairments?: ImpairmentOptions;
}

/** A packet accepted into the queue: when its serialization starts (ns) and its size. */
interface Waiting {
  readonly startNs: number;
  readonly bytes: number;
}

export class Link implements PacketSink {
  private readonly rateBps: number;
  private readonly delayUs: number;
  private readonly maxPackets: number;
  private readonly maxBytes: number;
  private readonly impairments: Impairments;
  private readonly scripted = new ScriptedDrops();
  // Replaced, never changed in place, so that a listener may untap while events are reported.
  private listeners: readonly LinkListener[] = [];
  private readonly count = zeroLinkCounters();
  private readonly deliverLabel: string;
  // The transmitter's clock is kept in integer nanoseconds, so that the serialization times of
  // many small packets add up exactly (in µs, a 64-byte packet at 1 Gbit/s takes 0.512).
  private busyUntilNs = 0;
  private readonly queue: Waiting[] = [];
  private queueHead = 0;
  private queuedBytes = 0;
  private nextIndex = 0;

  /**
   * @param sim the simulator whose clock and seed the link uses
   * @param name unique in its topology: it names the link in traces and seeds its impairments
   * @param sink where packets arrive
   */
  constructor(
    private readonly sim: Simulator,
    readonly name: string,
    private readonly sink: PacketSink,
    options: LinkOptions = {},
  ) {
    this.rateBps = options.rateBps ?? Infinity;
    if (!(this.rateBps > 0)) throw new RangeError(`link ${name}: rateBps must be positive, got ${this.rateBps}`);
    this.delayUs = options.delayUs ?? 0;
    if (!Number.isInteger(this.delayUs) || this.delayUs < 0) {
      throw new RangeError(`link ${name}: delayUs must be whole microseconds >= 0, got ${this.delayUs}`);
    }
    this.maxPackets = options.queue?.packets ?? Infinity;
    this.maxBytes = options.queue?.bytes ?? Infinity;
    if (!(this.maxPackets >= 0 && this.maxBytes >= 0)) throw new RangeError(`link ${name}: queue bounds must be >= 0`);
    this.impairments = new Impairments(options.impairments ?? {}, sim.rng.fork(`link:${name}`));
    this.deliverLabel = `link ${name}: deliver`;
  }

  /** A packet enters the link now. The link keeps the array: the sender must not change it afterwards. */
  deliver(packet: Uint8Array, inTurn?: () => void): void {
    inTurn?.();
    const index = this.nextIndex++;
    this.count.sent++;
    this.emit('send', packet, index);
    const scripted = this.scripted.matches(packet, index);
    const verdict = this.impairments.judge(packet.length);
    if (scripted) return this.drop('scripted', packet, index);
    if (verdict.drop) return this.drop(verdict.drop, packet, index);

    const arrivalUs = this.transmit(packet.length);
    if (arrivalUs === undefined) return this.drop('queue full', packet, index);
    const bytes = verdict.corruptBit === undefined ? packet : flipBit(packet, verdict.corruptBit);
    if (bytes !== packet) this.count.corrupted++;
    if (verdict.holdUs > 0) this.count.reordered++;
    const atUs = arrivalUs + verdict.holdUs;
    this.sim.arrival(atUs, this.deliverLabel, () => this.handOver(bytes, index));
    if (verdict.duplicateGapUs !== undefined) {
      this.count.duplicated++;
      this.sim.arrival(atUs + verdict.duplicateGapUs, this.deliverLabel, () => this.handOver(bytes, index));
    }
  }

  /** Report every event of this link to `listener`, until the returned function is called. */
  tap(listener: LinkListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((other) => other !== listener);
    };
  }

  /** Drop every packet that `predicate` matches ('scripted'), until the returned function is called. */
  dropWhere(predicate: PacketPredicate): () => void {
    return this.scripted.add(predicate);
  }

  /**
   * Drop only the `n`th packet (from 1) that `predicate` matches, e.g. `dropNth(3, isTcpData)`
   * for the third data segment. Without a predicate, the `n`th packet on the link.
   */
  dropNth(n: number, predicate: PacketPredicate = () => true): () => void {
    return this.scripted.add(nth(n, predicate));
  }

  /** A snapshot of the link's counters. */
  counters(): LinkCounters {
    return { ...this.count, dropped: { ...this.count.dropped } };
  }

  /**
   * Queue the packet for the transmitter; returns when its last bit arrives at the far end, in µs,
   * or undefined when it must wait and the queue is full.
   */
  private transmit(bytes: number): number | undefined {
    const nowNs = this.sim.nowUs * 1000;
    this.releaseStarted(nowNs);
    const startNs = Math.max(nowNs, this.busyUntilNs);
    if (startNs > nowNs) {
      if (this.queue.length - this.queueHead + 1 > this.maxPackets || this.queuedBytes + bytes > this.maxBytes) return undefined;
      this.queue.push({ startNs, bytes });
      this.queuedBytes += bytes;
    }
    this.busyUntilNs = startNs + Math.round((bytes * 8e9) / this.rateBps);
    return Math.ceil(this.busyUntilNs / 1000) + this.delayUs;
  }

  /** Forget the queued packets whose serialization has started by `nowNs`. */
  private releaseStarted(nowNs: number): void {
    const queue = this.queue;
    while (this.queueHead < queue.length && queue[this.queueHead]!.startNs <= nowNs) {
      this.queuedBytes -= queue[this.queueHead]!.bytes;
      this.queueHead++;
    }
    // Compact now and then, so that a long run does not keep every packet it ever queued.
    if (this.queueHead > 1024 && this.queueHead * 2 > queue.length) {
      queue.splice(0, this.queueHead);
      this.queueHead = 0;
    }
  }

  private handOver(bytes: Uint8Array, index: number): void | Promise<void> {
    this.count.delivered++;
    // The array itself, not a copy: a sink that hands it to code that may change it copies it
    // first (LocalPort), and a kernel process gets it serialized.
    return this.sink.deliver(bytes, () => this.emit('deliver', bytes, index));
  }

  private drop(reason: DropReason, packet: Uint8Array, index: number): void {
    this.count.dropped[reason]++;
    if (this.listeners.length > 0) this.report({ timeUs: this.sim.nowUs, link: this.name, kind: 'drop', reason, index, packet });
  }

  private emit(kind: 'send' | 'deliver', packet: Uint8Array, index: number): void {
    if (this.listeners.length > 0) this.report({ timeUs: this.sim.nowUs, link: this.name, kind, index, packet });
  }

  private report(event: LinkEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
