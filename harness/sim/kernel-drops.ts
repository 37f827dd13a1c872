/**
 * What a kernel dropped while a program waited: a deadlock says so, because a wait that nothing
 * can end is most often a packet the kernel threw away (a checksum it got wrong, a port it did not
 * match), and its counters know which. Without this a student reads "no packet or timer is
 * pending" and looks for a packet that never left, when it arrived and was dropped.
 */
import type { CounterName, Counters } from '../contract';
import { formatTime, type DeadlockError } from './errors';
import type { Host } from './host';

/**
 * The counters that count a dropped packet (harness/contract/types.ts), and what each says of it;
 * a specific one (a bad checksum) before the general one that counts it too (UDP errors).
 */
const DROPS: readonly (readonly [CounterName, string])[] = [
  ['IpInHdrErrors', 'IPv4 header malformed or its checksum wrong'],
  ['IpInAddrErrors', 'addressed to another host'],
  ['IpInUnknownProtos', 'a protocol the kernel does not implement'],
  ['IpInDiscards', 'the kernel could not handle it'],
  ['IcmpInErrors', 'malformed ICMP message'],
  ['UdpInCsumErrors', 'UDP checksum did not verify'],
  ['UdpRcvbufErrors', 'receive queue full'],
  ['UdpNoPorts', 'no socket on its UDP port'],
  ['UdpInErrors', 'UDP datagrams dropped as errors'],
  ['TcpInCsumErrors', 'TCP checksum did not verify'],
  ['TcpInErrs', 'TCP segments dropped as errors'],
  ['ListenOverflows', 'accept queue full'],
  ['ListenDrops', 'SYNs dropped by a listener'],
];

/** A kernel's counters read when a wait began, to tell a deadlock what changed since. */
export class DropWatch {
  private constructor(
    private readonly host: Host,
    private readonly before: Counters,
    private readonly sinceUs: number,
  ) {}

  /**
   * Start watching `host`'s kernel; undefined when its counters cannot be read (the starter's
   * stub, a kernel that crashed): the deadlock is then told as it is.
   */
  static async start(host: Host): Promise<DropWatch | undefined> {
    const sinceUs = host.sim.nowUs;
    const before = await readCounters(host);
    return before && new DropWatch(host, before, sinceUs);
  }

  /**
   * `deadlock`, told with what the kernel received and dropped since the watch started, and, when
   * it dropped nothing since, what it dropped before: a test that lets a packet arrive and then
   * reads finds it dropped before the read began to wait.
   */
  async explain(deadlock: DeadlockError): Promise<DeadlockError> {
    const after = await readCounters(this.host);
    if (!after) return deadlock;
    const since = dropped(this.before, after, '+');
    const received = count(after.IpInReceives) - count(this.before.IpInReceives);
    const arrivals = received > 0 ? `received ${received} ${received === 1 ? 'packet' : 'packets'}` : 'received no packet';
    const before = since.length === 0 ? dropped(undefined, this.before, '') : [];
    const drops = since.length > 0 ? `dropped ${since.join(', ')}` : `dropped none${before.length > 0 ? `; before it, it had dropped ${before.join(', ')}` : ''}`;
    return deadlock.explained(`since the wait began (t=${formatTime(this.sinceUs)}), ${this.host.name}'s kernel ${arrivals} and ${drops}`);
  }
}

/**
 * What `host`'s kernel counted as dropped since it started, `UdpInCsumErrors 1 (UDP checksum did
 * not verify)` for each counter; none when its counters cannot be read. A failed packet script
 * shows it: a line whose packet the stack dropped fails only later, when nothing comes of it.
 */
export async function kernelDrops(host: Host): Promise<string[]> {
  const counters = await readCounters(host);
  return counters ? countedDrops(counters) : [];
}

/** The same from counters read some other way (Linux's, by the TUN agent): one description per drop counter above 0. */
export function countedDrops(counters: Partial<Counters> | Readonly<Record<string, number>>): string[] {
  return dropped(undefined, counters as Counters, '');
}

/** `UdpInCsumErrors +1 (UDP checksum did not verify)` for each drop counter that grew from `from` (all 0 when undefined) to `to`. */
function dropped(from: Counters | undefined, to: Counters, sign: '+' | ''): string[] {
  const delta = (name: CounterName): number => count(to[name]) - (from ? count(from[name]) : 0);
  return DROPS.filter(([name]) => delta(name) > 0).map(([name, why]) => `${name} ${sign}${delta(name)} (${why})`);
}

/** A counter as the kernel under test gave it: anything but a number counts as 0. */
function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

async function readCounters(host: Host): Promise<Counters | undefined> {
  try {
    const counters = await host.readAside('counters');
    return typeof counters === 'object' && counters !== null ? (counters as Counters) : undefined;
  } catch {
    return undefined;
  }
}
