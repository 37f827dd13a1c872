/**
 * The script's clock on Linux: the wall clock, except that it stands still while the harness is
 * late. On a busy machine the harness may get a line's packet or call to Linux milliseconds after
 * the line's time, or hear of a call's return milliseconds after it returned; Linux's answer or
 * return would then look late by as much, though Linux was not. So the clock is set back by such
 * delays — as the simulator's clock stands still while the harness works:
 *
 * - when the agent performs an action later than the script meant it (`acted`), from that moment;
 * - when the harness hears of a call's return later than the agent saw it (`caughtUp`), from now.
 *
 * What Linux does on its own timers (a delayed ACK, a retransmission) is still measured in real
 * time from what caused it. Packets carry the kernel's stamps (CLOCK_MONOTONIC); each is read with
 * the pauses in force when it was stamped, and the clock never goes back past a packet Linux has
 * sent, so packets stay in order.
 */
import { WallClock } from '../../phy/tun/wall-clock';

export class ScriptClock {
  private readonly wall = new WallClock();
  /** Each time the clock was set back: from when (wall µs), and the total set back since the start. */
  private readonly pauses: { readonly fromUs: number; readonly totalUs: number }[] = [];
  /** The stamps of the packets Linux sent, in order. */
  private readonly packetStamps: number[] = [];

  /** µs since the script started. */
  nowUs(): number {
    return this.wall.nowUs() - this.pausedAt(Infinity);
  }

  /** A stamp of the agent's (CLOCK_MONOTONIC, µs) on this clock. */
  fromMonotonic(stampUs: number): number {
    const wallUs = this.wall.fromMonotonic(stampUs);
    return wallUs - this.pausedAt(wallUs);
  }

  /** Linux sent a packet the agent stamped `stampUs`. */
  packetSent(stampUs: number): void {
    this.packetStamps.push(stampUs);
  }

  /**
   * The harness meant an action for script time `intendedUs` and the agent performed it at
   * `stampUs` (CLOCK_MONOTONIC): if that was later, stand still for the difference (no further
   * back than the last packet Linux sent). Returns the action's script time.
   */
  acted(intendedUs: number, stampUs: number): number {
    const atUs = this.fromMonotonic(stampUs);
    // Packets the action caused may have come in already; those before it must stay before it.
    this.standStill(this.wall.fromMonotonic(stampUs), atUs - Math.max(intendedUs, this.lastPacketTime(stampUs)));
    return this.fromMonotonic(stampUs);
  }

  /**
   * The harness hears only now of something the agent saw at `stampUs` (a call returned): stand
   * still for the delay, so that the clock reads that time now (no further back than the last
   * packet Linux sent).
   */
  caughtUp(stampUs: number): void {
    this.standStill(this.wall.nowUs(), this.nowUs() - Math.max(this.fromMonotonic(stampUs), this.lastPacketTime(Infinity)));
  }

  /** Wait until the clock reads `untilUs`, or until `wake` resolves. */
  waitUntil(untilUs: number, wake: Promise<void>): Promise<void> {
    return this.wall.waitUntil(untilUs + this.pausedAt(Infinity), wake);
  }

  /** Set the clock back by `byUs` from wall time `fromUs` on (pauses stay in wall-time order). */
  private standStill(fromUs: number, byUs: number): void {
    if (!(byUs > 0)) return;
    const last = this.pauses[this.pauses.length - 1];
    this.pauses.push({ fromUs: Math.max(fromUs, last?.fromUs ?? -Infinity), totalUs: (last?.totalUs ?? 0) + byUs });
  }

  /** The script time of the last packet Linux sent by `stampUs` (-Infinity if none). */
  private lastPacketTime(stampUs: number): number {
    for (let i = this.packetStamps.length - 1; i >= 0; i--) if (this.packetStamps[i]! <= stampUs) return this.fromMonotonic(this.packetStamps[i]!);
    return -Infinity;
  }

  /** How far the clock had been set back at wall time `wallUs`. */
  private pausedAt(wallUs: number): number {
    for (let i = this.pauses.length - 1; i >= 0; i--) if (this.pauses[i]!.fromUs <= wallUs) return this.pauses[i]!.totalUs;
    return 0;
  }
}
