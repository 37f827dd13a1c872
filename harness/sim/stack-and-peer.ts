/**
 * The packet-level topology: the stack under test on one end, the harness itself on the other.
 *
 *     stack (10.0.0.1) ──toPeer──▶ peer (10.0.0.2)   the harness: crafts and checks packets
 *                      ◀─toStack──
 *
 * Students' public tests use it: it needs no second stack, so the reference stays private.
 */
import type { Host } from './host';
import { Link, type LinkOptions } from './link';
import { Simulator } from './simulator';
import { createHost, type HostSpec, type TopologyOptions } from './topology';
import { Trace } from './trace';
import { TWO_HOSTS_LINK } from './two-hosts';
import { WirePeer } from './wire-peer';

export interface StackAndPeerOptions extends TopologyOptions {
  /** The stack under test (default name `stack`, address 10.0.0.1). */
  readonly stack: HostSpec;
  /** The harness's end (default 10.0.0.2). */
  readonly peerAddress?: string;
  /** Both directions, over the two-host default (1 ms, perfect). */
  readonly link?: LinkOptions;
}

export interface StackAndPeer {
  readonly sim: Simulator;
  readonly host: Host;
  readonly peer: WirePeer;
  readonly links: { readonly toPeer: Link; readonly toStack: Link };
  readonly trace: Trace;
}

export function stackAndPeer(options: StackAndPeerOptions): StackAndPeer {
  const sim = new Simulator({ seed: options.seed, timeLimitUs: options.timeLimitUs });
  const host = createHost(sim, options.stack, { name: 'stack', address: '10.0.0.1' }, options);
  const peer = new WirePeer(sim, 'peer', options.peerAddress ?? '10.0.0.2', host);
  const toPeer = new Link(sim, `${host.name}→${peer.name}`, peer, { ...TWO_HOSTS_LINK, ...options.link });
  const toStack = new Link(sim, `${peer.name}→${host.name}`, host, { ...TWO_HOSTS_LINK, ...options.link });
  host.attach(toPeer);
  peer.attach(toStack);
  const trace = new Trace();
  trace.watch(toPeer);
  trace.watch(toStack);
  return { sim, host, peer, links: { toPeer, toStack }, trace };
}
