/**
 * One direction of the TUN path through the harness's own seeded fault injector: the simulator's
 * impairments (sim/impairments.ts: loss, burst loss, reordering, duplication, corruption), each
 * drawn from its own stream of the run's seed, plus a fixed delay. This kernel has no netem, and a
 * seeded injector is better anyway: the same seed loses the same packets (by their position on
 * the path) in every run, as on the simulator.
 *
 * Delays are real: a held packet is handed over by a timer, so it is late by at least the delay
 * (timers may fire a little later, never earlier).
 */
import { describeDamage } from '../../checks/capture';
import type { LadderEntry } from '../../checks/ladder';
import { flipBit, Impairments, type ImpairmentOptions } from '../../sim/impairments';
import type { Rng } from '../../sim/rng';

/** How one direction of the path behaves; the default is perfect and immediate. */
export interface PathOptions {
  /** Whole µs every packet is held before it is handed over (default 0). */
  readonly delayUs?: number;
  readonly impairments?: ImpairmentOptions;
}

export class FaultyPath {
  private readonly impairments: Impairments;
  private readonly delayUs: number;
  private readonly timers = new Set<NodeJS.Timeout>();

  /**
   * @param rng this direction's stream: each impairment forks its own from it
   * @param deliver where packets that get through go
   * @param record every packet that entered, with why if it was lost or what changed if it was damaged (for the capture)
   */
  constructor(
    options: PathOptions,
    rng: Rng,
    private readonly deliver: (packet: Uint8Array) => void,
    private readonly record: (entry: LadderEntry) => void,
  ) {
    this.impairments = new Impairments(options.impairments ?? {}, rng);
    this.delayUs = options.delayUs ?? 0;
    if (!Number.isInteger(this.delayUs) || this.delayUs < 0) throw new RangeError(`delayUs must be whole microseconds >= 0, got ${this.delayUs}`);
  }

  /** A packet enters the path now; `timeUs` is when it was sent, for the capture. */
  enter(packet: Uint8Array, timeUs: number): void {
    const verdict = this.impairments.judge(packet.length);
    if (verdict.drop) {
      this.record({ timeUs, packet, dropReason: verdict.drop });
      return;
    }
    const bytes = verdict.corruptBit === undefined ? packet : flipBit(packet, verdict.corruptBit);
    this.record(bytes === packet ? { timeUs, packet } : { timeUs, packet, damage: describeDamage(packet, bytes) });
    const holdUs = this.delayUs + verdict.holdUs;
    this.handOver(bytes, holdUs);
    if (verdict.duplicateGapUs !== undefined) this.handOver(bytes, holdUs + verdict.duplicateGapUs);
  }

  /** Forget the packets still held (the path is being closed). */
  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private handOver(packet: Uint8Array, afterUs: number): void {
    if (afterUs === 0) {
      this.deliver(packet);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.deliver(packet);
    }, afterUs / 1000);
    this.timers.add(timer);
  }
}
