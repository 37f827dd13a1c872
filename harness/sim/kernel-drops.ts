/**
 * What a kernel dropped while a program waited: a deadlock says so, because a wait that nothing
 * can end is most often a packet the kernel threw away (a checksum it got wrong, a port it did not
 * match), and its counters know which. Without this a student reads "no packet or timer is
 * pending" and looks for a packet that never left, when it arrived and was dropped.
 */
import type { CounterName, Counters } from '../contract';
import { formatTime, type DeadlockError } from './errors';
import type { Host } from './host';

/** The counters that count a dropped packet (harness/contract/types.ts), and what each says of it. */
const DROPS: readonly (readonly [CounterName, string])[] = [
  ['IpInHdrErrors', 'IPv4 header malformed or its checksum wrong'],
  ['IpInAddrErrors', 'addressed to another host'],
  ['IpInUnknownProtos', 'a protocol the kernel does not implement'],
  ['IpInDiscards', 'the kernel could not handle it'],
  ['IcmpInErrors', 'malformed ICMP message'],
  ['UdpNoPorts', 'no socket on its UDP port'],
  ['UdpInErrors', 'malformed UDP datagram: bad length, bad checksum or full queue'],
  ['UdpInCsumErrors', 'UDP checksum did not verify'],
  ['UdpRcvbufErrors', 'receive queue full'],
  ['TcpInErrs', 'malformed TCP segment: bad offset or bad checksum'],
  ['TcpInCsumErrors', 'TCP checksum did not verify'],
  ['ListenOverflows', 'accept queue full'],
  ['ListenDrops', 'SYN dropped by a listener'],
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
    const before = await readCounters(host);
    return before && new DropWatch(host, before, host.sim.nowUs);
  }

  /** `deadlock`, told with what the kernel received and dropped since the watch started. */
  async explain(deadlock: DeadlockError): Promise<DeadlockError> {
    const after = await readCounters(this.host);
    if (!after) return deadlock;
    return deadlock.explained(`since this wait began (t=${formatTime(this.sinceUs)}), ${changes(this.host.name, this.before, after)}`);
  }
}

/** `stack's kernel received 2 packets and dropped: UdpInCsumErrors +1 (…)`. */
function changes(host: string, before: Counters, after: Counters): string {
  const delta = (name: CounterName): number => count(after[name]) - count(before[name]);
  const received = delta('IpInReceives');
  const dropped = DROPS.filter(([name]) => delta(name) > 0).map(([name, why]) => `${name} +${delta(name)} (${why})`);
  const arrivals = received > 0 ? `received ${received} ${received === 1 ? 'packet' : 'packets'}` : 'received no packet';
  return `${host}'s kernel ${arrivals} and ${dropped.length > 0 ? `dropped: ${dropped.join(', ')}` : 'counted none dropped'}`;
}

/** A counter as the kernel under test gave it: anything but a number counts as 0. */
function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

async function readCounters(host: Host): Promise<Counters | undefined> {
  try {
    const counters: unknown = await host.syscall('counters');
    return typeof counters === 'object' && counters !== null ? (counters as Counters) : undefined;
  } catch {
    return undefined;
  }
}
