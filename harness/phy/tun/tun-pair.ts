/**
 * A socklab stack and Linux talking over TUN: a TUN agent (Linux, in its own namespace), the
 * link to it with the harness's fault injector, and the stack on the harness's side of the link,
 * driven in real time. What interop tests, the TUN demo and the benchmarks start from.
 *
 *     10.0.0.1  Linux (the agent's namespace)  <── TUN ──>  10.0.0.2  socklab stack (RealtimeHost)
 */
import type { CreateKernel } from '../../contract';
import { LocalPort } from '../../port';
import { Rng } from '../../sim/rng';
import type { PathOptions } from './faulty-path';
import { LinuxSockets } from './linux-sockets';
import { RealtimeHost } from './realtime-host';
import { TunAgent } from './tun-agent';
import { TunLink } from './tun-link';

export interface TunPairOptions {
  /** The stack on the harness's side. */
  readonly createKernel: CreateKernel;
  /** The seed of the stack's `random()` and of every fault. */
  readonly seed: number;
  /** Linux's address (default 10.0.0.1). */
  readonly linuxAddress?: string;
  /** The stack's address (default 10.0.0.2). */
  readonly stackAddress?: string;
  readonly mtu?: number;
  /** Faults on the way to Linux, and back (default: none). */
  readonly toLinux?: PathOptions;
  readonly fromLinux?: PathOptions;
}

/** The two ends and the link between them. */
export interface TunPair {
  readonly agent: TunAgent;
  /** Programs on Linux. */
  readonly linux: LinuxSockets;
  /** The socklab stack. */
  readonly stack: RealtimeHost;
  readonly link: TunLink;
  readonly linuxAddress: string;
  readonly stackAddress: string;
  /** Stop the stack and the link, and kill the agent (and its namespace). */
  close(): Promise<void>;
}

/** Start an agent and a stack, and connect them. */
export async function openTunPair(options: TunPairOptions): Promise<TunPair> {
  const linuxAddress = options.linuxAddress ?? '10.0.0.1';
  const stackAddress = options.stackAddress ?? '10.0.0.2';
  const mtu = options.mtu ?? 1500;
  const agent = await TunAgent.start({ linuxAddress, peerAddress: stackAddress, mtu });
  const link = new TunLink(agent, { seed: options.seed, ...(options.toLinux ? { toLinux: options.toLinux } : {}), ...(options.fromLinux ? { fromLinux: options.fromLinux } : {}) });
  const random = new Rng(options.seed).fork(`kernel:${stackAddress}`);
  const stack = new RealtimeHost(new LocalPort(options.createKernel, { address: stackAddress, mtu, random: () => random.next() }), link);
  link.onReceive = (packet) => stack.receive(packet);
  return {
    agent,
    linux: new LinuxSockets(agent),
    stack,
    link,
    linuxAddress,
    stackAddress,
    async close() {
      link.close();
      await stack.close();
      await agent.close();
    },
  };
}
