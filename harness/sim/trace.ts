/**
 * A run's packet trace: the events of every link it watches, in the order they happened.
 *
 * Links report synchronously at the simulator's current time, and the clock never goes back, so
 * appending as events come keeps the trace in time order (ties in the order they happened).
 * From it a test takes the packets at one capture point to write a pcapng, or the whole event list
 * to check invariants and draw a ladder diagram.
 */
import type { Link } from './link';
import type { LinkEvent } from './link-events';

/**
 * Where packets are captured: `send`, what hosts transmitted (as a capture on the sender would
 * show); `deliver`, what hosts received (on the receiver; corrupted and duplicated packets show).
 */
export type CapturePoint = 'send' | 'deliver';

/** Which ends of a link face a host (rather than a router). */
export interface LinkEnds {
  /** The link's input is a host's transmitter: its `send` events are packets the host sent. */
  readonly fromHost: boolean;
  /** The link's output is a host: its `deliver` events are packets the host received. */
  readonly toHost: boolean;
}

/** One captured packet, for a pcapng writer's `add(timeUs, packet)`. */
export interface CapturedPacket {
  readonly timeUs: number;
  readonly packet: Uint8Array;
}

export class Trace {
  private readonly all: LinkEvent[] = [];
  private readonly captured: Record<CapturePoint, CapturedPacket[]> = { send: [], deliver: [] };

  /** Every event of every watched link, in time order. */
  get events(): readonly LinkEvent[] {
    return this.all;
  }

  /**
   * Record `link`'s events from now on. `ends` says which of them are capture points: a link
   * between two hosts is both (the default), a router's links only one or neither, so that a
   * packet crossing three links is captured once.
   */
  watch(link: Link, ends: LinkEnds = { fromHost: true, toHost: true }): void {
    link.tap((event) => {
      this.all.push(event);
      if (event.kind === 'send' && ends.fromHost) this.captured.send.push(event);
      if (event.kind === 'deliver' && ends.toHost) this.captured.deliver.push(event);
    });
  }

  /** The packets at a capture point, in time order. */
  packets(point: CapturePoint = 'send'): readonly CapturedPacket[] {
    return this.captured[point];
  }
}
