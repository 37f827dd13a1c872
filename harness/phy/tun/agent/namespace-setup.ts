/**
 * The agent's private network namespace, set up from the inside: sysctls, loopback, and the TUN
 * interface's addresses and routes. Everything here changes only this namespace — /proc/sys/net
 * and `ip` act on the namespace of the process that uses them, and the agent was born in a new one
 * — so the host's interfaces, routes and sysctls are never touched.
 *
 * Addressing: the interface has Linux's address with the harness's as its point-to-point peer,
 * and the default route goes through it too, so that Linux answers any source the harness
 * injects from (a script may send from 10.0.0.3) and every packet Linux sends for another host
 * comes out of the TUN device, where the harness reads it.
 *
 * Generic segmentation offload is off on the interface (one segment per buffer): with it, TCP
 * builds buffers of several segments, sized by its pacing heuristics, and sets PSH at the end of
 * each buffer — not only at the end of a write, as RFC 9293 describes it and socklab stacks do.
 * Segment sizes are the same either way.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import type { AgentConfig, Sysctl } from './protocol';

/** Set the sysctls and bring loopback up: before the TUN interface exists. */
export function prepareNamespace(sysctls: readonly Sysctl[]): void {
  for (const sysctl of sysctls) {
    const file = `/proc/sys/${sysctl.key.replace(/\./g, '/')}`;
    if (sysctl.optional && !fs.existsSync(file)) continue;
    fs.writeFileSync(file, sysctl.value);
  }
  ip('link', 'set', 'lo', 'up');
}

/** Give the TUN interface its addresses, its MTU and the default route, and bring it up. */
export function configureInterface(config: AgentConfig): void {
  ip('addr', 'add', config.linuxAddress, 'peer', config.peerAddress, 'dev', config.ifname);
  ip('link', 'set', 'dev', config.ifname, 'mtu', String(config.mtu), 'gso_max_segs', '1', 'up');
  ip('route', 'add', 'default', 'dev', config.ifname);
}

function ip(...args: string[]): void {
  try {
    execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`ip ${args.join(' ')} failed${stderr ? `: ${stderr}` : ''}`, { cause: error });
  }
}
