/**
 * The bench of a TCP packet-level test: the stack under test at 10.0.0.1 and the harness as a
 * TCP host at 10.0.0.2, 1 ms apart. Scripts say most of what milestone 2 checks; this is for
 * what a script cannot say: several connections at once (a script follows one ISN of the stack),
 * the bytes of payloads, and the kernel's own view (tcpInfo, counters) between packets.
 */
import { PacketMismatch } from '../../../../harness/checks/expect-packet';
import type { Fd } from '../../../../harness/contract';
import type { NetTest } from '../../../../harness/testkit';
import { formatPacket } from '../../../../harness/wire';
import { rngFor } from '../../../m1-udp/tests/support/seeded';
import { PeerConnection } from './peer-connection';
import { stackSegment, type StackSegment } from './stack-segment';
import { listenOn } from './tcp-sockets';

/**
 * How long a reply may take: two 1 ms crossings, and the longest an ACK may be delayed (Linux's
 * TCP_DELACK_MAX, 200 ms; RFC 9293 §3.8.6.3 allows up to 500 ms). A stack of this milestone
 * acknowledges at once; from milestone 3 on it may delay the ACK of data, and these tests must
 * hold for both.
 */
export const REPLY_MS = 205;

export type TcpNet = ReturnType<NetTest['stackAndPeer']>;

export class TcpLab {
  private readonly isns;
  readonly #unread: StackSegment[] = [];

  constructor(
    readonly net: TcpNet,
    seed: number,
  ) {
    this.isns = rngFor(seed, 'the peer ISNs');
  }

  get sys(): TcpNet['sys'] {
    return this.net.sys;
  }

  get stackAddress(): string {
    return this.net.host.address;
  }

  get peerAddress(): string {
    return this.net.peer.address;
  }

  /**
   * A connection between the peer's `peerPort` and the stack's `stackPort`; the peer's ISN is
   * `peerIsn` when a test needs its numbers somewhere (across 2^32), else random.
   */
  connection(peerPort: number, stackPort: number, peerIsn = this.isns.int(0, 0xffffffff)): PeerConnection {
    return new PeerConnection(this, { peerPort, stackPort, peerIsn });
  }

  /** A connection the peer opened from `peerPort` to the stack's listener on `stackPort`, accepted. */
  async accepted(stackPort: number, peerPort: number): Promise<{ listener: Fd; conn: PeerConnection; fd: Fd }> {
    const listener = await listenOn(this.sys, stackPort);
    const conn = this.connection(peerPort, stackPort);
    await conn.open();
    const { fd } = await this.sys.accept(listener);
    return { listener, conn, fd };
  }

  /** Put a packet on the wire to the stack. */
  send(packet: Uint8Array): Promise<void> {
    return this.net.peer.send(packet);
  }

  /** The next TCP segment from the stack, waiting up to `withinMs`. */
  async next(withinMs = REPLY_MS, what = 'a TCP segment from the stack'): Promise<StackSegment> {
    return this.#unread.shift() ?? stackSegment(await this.net.peer.next(withinMs), what);
  }

  /** Put `segment` back: the next call of {@link next} returns it again. */
  unread(segment: StackSegment): void {
    this.#unread.unshift(segment);
  }

  /** Check that the stack sends nothing for `ms`. */
  async quiet(ms: number, why: string): Promise<void> {
    const arrival = await this.net.peer.next(ms);
    if (arrival) throw new PacketMismatch(`no packet for ${ms} ms (${why})`, 'nothing', formatPacket(arrival.packet), ['a packet was sent']);
  }

  /** Let `ms` of virtual time pass. */
  sleep(ms: number): Promise<void> {
    return this.sys.sleep(ms);
  }
}

/** The bench of `t` (options as `t.stackAndPeer`). */
export function openTcpLab(t: NetTest, options: Parameters<NetTest['stackAndPeer']>[0] = {}): TcpLab {
  return new TcpLab(t.stackAndPeer(options), t.seed);
}
