/**
 * The harness itself as the remote end of a link. Packet-level tests use it to inject crafted
 * packets and to take, one by one, the packets the stack under test transmits — the way
 * packetdrill plays the remote host. It needs no stack at all, which is why students' public tests
 * can use it without the reference.
 */
import { DeadlockError } from './errors';
import type { Host } from './host';
import { DropWatch } from './kernel-drops';
import type { PacketSink } from './packet-sink';
import type { Signal, Simulator } from './simulator';

export class WirePeer implements PacketSink {
  /** Every packet that reached the peer, in order, with its arrival time (µs). */
  readonly arrivals: { readonly timeUs: number; readonly packet: Uint8Array }[] = [];
  private readonly arrived: Signal;
  private link: PacketSink | undefined;
  private taken = 0;

  constructor(
    private readonly sim: Simulator,
    /** A short name for reports, e.g. `peer`. */
    readonly name: string,
    /** The address the peer's packets come from. */
    readonly address: string,
    /** The host at the link's other end: a deadlock of the peer names what its kernel dropped. */
    private readonly facing?: Host,
  ) {
    this.arrived = sim.signal();
  }

  /** The link the peer's own packets go out on. */
  attach(link: PacketSink): void {
    this.link = link;
  }

  deliver(packet: Uint8Array, inTurn?: () => void): void {
    inTurn?.();
    this.arrivals.push({ timeUs: this.sim.nowUs, packet });
    this.arrived.notify();
  }

  /** Put one packet on the wire now. */
  async send(packet: Uint8Array): Promise<void> {
    if (!this.link) throw new Error(`peer ${this.name} is attached to no link`);
    await this.link.deliver(packet);
  }

  /**
   * The next packet the stack sent that the test has not taken yet, waiting for it up to
   * `timeoutMs` of virtual time; undefined if none came in time. With no timeout it waits until
   * one comes, or fails with a deadlock when none can.
   */
  async next(timeoutMs?: number): Promise<{ readonly timeUs: number; readonly packet: Uint8Array } | undefined> {
    const deadlineUs = timeoutMs === undefined ? undefined : this.sim.nowUs + Math.round(timeoutMs * 1000);
    let watch: DropWatch | undefined;
    let watching = false;
    while (this.taken >= this.arrivals.length) {
      // A wait with a timeout has its own timer pending, so it cannot deadlock: only an endless one is watched.
      if (!watching && this.facing && deadlineUs === undefined) {
        watching = true;
        watch = await DropWatch.start(this.facing);
        // Reading the counters took a call into the kernel: look again before sleeping.
        continue;
      }
      const leftUs = deadlineUs === undefined ? undefined : deadlineUs - this.sim.nowUs;
      if (leftUs !== undefined && leftUs <= 0) return undefined;
      try {
        await this.sim.block(`the ${this.name} waiting for a packet from the stack`, [this.arrived], leftUs);
      } catch (error) {
        if (error instanceof DeadlockError && watch) throw await watch.explain(error);
        throw error;
      }
    }
    return this.arrivals[this.taken++];
  }

  /** How many arrived packets the test has not taken yet. */
  get pending(): number {
    return this.arrivals.length - this.taken;
  }
}
