// Generated from reference/host.ts by `npm run starter:build`. This file is yours now: edit it freely.

/**
 * The host: what every protocol of the stack shares.
 */
import { zeroCounters, type Counters, type KernelEnv } from '../harness/contract';
import { buildIpv4 } from './ipv4';
import type { WaitQueue } from './wait-queue';

/**
 * This host, as its protocols see it: its address and link, its randomness, its counters, and
 * the one way out — {@link Host.sendIp}, which wraps a transport's bytes in an IPv4 header and
 * hands the packet to the link.
 */
export class Host {
  /** The kernel's counters, named after Linux's SNMP counters; every drop is counted in one. */
  readonly counters: Counters = zeroCounters();
  /** Identification of the next packet sent, counting up (RFC 6864 asks for nothing more of unfragmented packets). */
  #nextIdentification = 0;
  /** How many waiters (epoll items) wait on this host's files: none, and no packet needs to wake anyone. */
  waiters = 0;
  /** The wait queues of the files the work under way may change: see {@link Host.touch}. */
  readonly #touched = new Set<WaitQueue>();

  constructor(private readonly env: KernelEnv) {}

  /** This host's one IPv4 address. */
  get address(): string {
    return this.env.address;
  }

  /** The largest IPv4 packet (header included) the link carries, in bytes. */
  get mtu(): number {
    return this.env.mtu;
  }

  /** The current time in ms, from the harness: the stack's only clock (TCP's timers read it). */
  now(): number {
    return this.env.now();
  }

  /** A random number in [0, 1) from the harness's seeded generator: the stack's only randomness. */
  random(): number {
    return this.env.random();
  }

  /**
   * Note that the work under way (a packet, a timer, a call) may change the readiness of the file
   * whose wait queue this is. Its waiters are woken, if need be, by {@link Host.wakeTouched}
   * once that work is done: marking a file before the change is as good as after it.
   */
  touch(queue: WaitQueue | undefined): void {
    if (queue) this.#touched.add(queue);
  }

  /** The work is done: recheck every file it touched (see wait-queue.ts). */
  wakeTouched(): void {
    const touched = [...this.#touched];
    this.#touched.clear();
    for (const queue of touched) queue.recheck();
  }

  /**
   * Send `payload` (a UDP datagram, an ICMP message, ...) to `destination` in one IPv4 packet.
   * The caller has made sure it fits the link.
   */
  sendIp(protocol: number, destination: string, payload: Uint8Array): void {
    const packet = buildIpv4({
      source: this.env.address,
      destination,
      protocol,
      identification: this.#nextIdentification,
      payload,
    });
    this.#nextIdentification = (this.#nextIdentification + 1) & 0xffff;
    this.counters.IpOutRequests++;
    this.env.transmit(packet);
  }
}
