/**
 * What the runner knows of the conversation between the harness and the stack: both ISNs, the
 * stack's port, and the last packet each side sent (which ICMP errors quote).
 *
 * The stack's ISN is learned from the first SYN it sends; until then it counts as 0, so that a
 * script that talks TCP before any SYN (a stray ACK answered by a RST) reads in absolute numbers
 * on both sides. The stack's port is the one the script bound (`bind(..., ...)` binds the
 * script's local port), else learned from the first packet the stack sends (an ephemeral port
 * after connect or sendto), else the script's local port.
 */
import type { SockAddr } from '../../contract';
import { endpointKey, TcpFlag, type Packet } from '../../wire';
import type { PacketEvent } from '../language/ast';
import type { ScriptOptions } from '../language/options';
import { relativeSeq } from './seq';

export class Flow {
  /** The stack's ISN; undefined until its first SYN. */
  private stackIsnLearned: number | undefined;
  private localPortKnown: number | undefined;
  /** The last packet the harness injected. */
  lastInbound: Uint8Array | undefined;
  /** The last packet the stack sent. */
  lastOutbound: Uint8Array | undefined;

  constructor(
    readonly options: ScriptOptions,
    /** The harness's ISN: inbound sequence numbers count from it. */
    readonly peerIsn: number,
  ) {}

  /** The stack's ISN, or 0 before its first SYN. */
  get stackIsn(): number {
    return this.stackIsnLearned ?? 0;
  }

  /** The stack's end of the conversation. */
  local(): SockAddr {
    return { address: this.options.localAddress, port: this.localPortKnown ?? this.options.localPort };
  }

  /** The harness's end. */
  remote(): SockAddr {
    return { address: this.options.remoteAddress, port: this.options.remotePort };
  }

  /** The script bound a socket to `port`: the stack speaks from it. */
  bound(port: number): void {
    if (port !== 0) this.localPortKnown = port;
  }

  /**
   * Learn from an outbound packet before it is matched against `event`: the stack's port from
   * its first packet on the default endpoints, its ISN from its first SYN.
   */
  learn(event: PacketEvent, packet: Packet): void {
    if (event.endpoints === undefined && this.localPortKnown === undefined && (packet.kind === 'tcp' || packet.kind === 'udp')) {
      this.localPortKnown = (packet.kind === 'tcp' ? packet.tcp.header : packet.udp.header).srcPort;
    }
    if (event.kind === 'tcp' && packet.kind === 'tcp' && this.stackIsnLearned === undefined && (packet.tcp.header.flags & TcpFlag.SYN) !== 0) {
      // The ISN is the number the script's relative seq counts from: actual minus scripted.
      this.stackIsnLearned = relativeSeq(event.seq, packet.tcp.header.seq);
    }
  }

  /** Both ISNs by endpoint, to print packets with relative numbers. */
  isnMap(): Map<string, number> {
    const local = this.local();
    const remote = this.remote();
    return new Map([
      [endpointKey(local.address, local.port), this.stackIsn],
      [endpointKey(remote.address, remote.port), this.peerIsn],
    ]);
  }
}
