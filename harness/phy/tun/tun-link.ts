/**
 * The harness's end of a TUN agent, as a link: packets from Linux come out of
 * {@link TunLink.onReceive}, packets for Linux go in with {@link TunLink.send}, each direction
 * through its own seeded fault injector (faulty-path.ts), and both directions are captured for a
 * pcap and a ladder diagram, with the fate of each lost packet.
 */
import type { LadderEntry } from '../../checks/ladder';
import { Rng } from '../../sim/rng';
import { FaultyPath, type PathOptions } from './faulty-path';
import type { TunAgent } from './tun-agent';
import { WallClock } from './wall-clock';

export interface TunLinkOptions {
  /** The seed of every fault. */
  readonly seed: number;
  /** The path from the harness to Linux. */
  readonly toLinux?: PathOptions;
  /** The path from Linux to the harness. */
  readonly fromLinux?: PathOptions;
}

export class TunLink {
  /** Where packets from Linux go, once they got through. */
  onReceive: (packet: Uint8Array) => void = () => undefined;
  /** The link's time: µs since it was made (a capture's times). */
  readonly clock = new WallClock();
  private readonly captured: LadderEntry[] = [];
  private readonly toLinux: FaultyPath;
  private readonly fromLinux: FaultyPath;
  private sendFailure: Error | undefined;

  constructor(
    private readonly agent: TunAgent,
    options: TunLinkOptions,
  ) {
    const rng = new Rng(options.seed);
    const record = (entry: LadderEntry): void => void this.captured.push({ ...entry, timeUs: Math.max(0, Math.round(entry.timeUs)) });
    this.toLinux = new FaultyPath(options.toLinux ?? {}, rng.fork('tun:to-linux'), (packet) => this.inject(packet), record);
    this.fromLinux = new FaultyPath(options.fromLinux ?? {}, rng.fork('tun:from-linux'), (packet) => this.onReceive(packet), record);
    agent.onPacket = (packet, stampUs) => this.fromLinux.enter(packet, this.clock.fromMonotonic(stampUs));
  }

  /** Send `packet` to Linux, through the path's faults. */
  send(packet: Uint8Array): void {
    this.toLinux.enter(packet, this.clock.nowUs());
  }

  /** Why a packet could not be written into the TUN device (the agent is gone), if that happened. */
  get failure(): Error | undefined {
    return this.sendFailure ?? this.agent.failure;
  }

  /** Every packet both ways so far, in time order, lost ones marked. */
  packets(): LadderEntry[] {
    return [...this.captured].sort((a, b) => a.timeUs - b.timeUs);
  }

  /** Stop delivering held packets. */
  close(): void {
    this.toLinux.clear();
    this.fromLinux.clear();
  }

  private inject(packet: Uint8Array): void {
    this.agent.inject(packet).catch((error: unknown) => {
      this.sendFailure ??= error instanceof Error ? error : new Error(String(error));
    });
  }
}
